package dev.chat.daemon.transfer;

import dev.chat.wire.udp.RudpWire;

import java.time.Duration;
import java.util.Objects;

/**
 * Download limits and tunables ({@code chatd --max-transfers --udp-payload --udp-loss ...}).
 *
 * @param maxPerSession transfers a session may hold at once (granted or running)
 * @param tokenTtl      how long a granted token stays valid unused
 * @param idleTimeout   a data connection or UDP peer silent (not reading, not acking) this long is dropped
 * @param udpPayload    the largest UDP payload the daemon sends (a client may ask for less)
 * @param hashThreads   threads hashing files at once
 * @param impairment    damage done to the UDP endpoint's datagrams (off by default)
 * @param udpAnySource  accept a UDP handshake from any source address, not only the chat
 *                      connection's ({@code --udp-any-source}, for NAT setups that change it); the
 *                      retry cookie still validates the address before any data goes there
 */
public record TransferSettings(int maxPerSession, Duration tokenTtl, Duration idleTimeout, int udpPayload,
                               int hashThreads, ImpairmentSettings impairment, boolean udpAnySource) {
    public static final TransferSettings DEFAULTS = new TransferSettings(8, Duration.ofSeconds(30),
            Duration.ofSeconds(10), RudpWire.DEFAULT_PAYLOAD, 2, ImpairmentSettings.NONE, false);

    public TransferSettings {
        Objects.requireNonNull(impairment, "impairment");
        if (maxPerSession < 1 || hashThreads < 1) {
            throw new IllegalArgumentException("max transfers and hash threads must be at least 1");
        }
        if (udpPayload < RudpWire.MIN_PAYLOAD || udpPayload > RudpWire.MAX_PAYLOAD) {
            throw new IllegalArgumentException("UDP payload must be " + RudpWire.MIN_PAYLOAD + ".."
                    + RudpWire.MAX_PAYLOAD + " bytes, not " + udpPayload);
        }
        if (tokenTtl.isNegative() || tokenTtl.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("token lifetime and idle timeout must be positive");
        }
    }

    public TransferSettings withMaxPerSession(int value) {
        return new TransferSettings(value, tokenTtl, idleTimeout, udpPayload, hashThreads, impairment, udpAnySource);
    }

    public TransferSettings withTokenTtl(Duration value) {
        return new TransferSettings(maxPerSession, value, idleTimeout, udpPayload, hashThreads, impairment, udpAnySource);
    }

    public TransferSettings withIdleTimeout(Duration value) {
        return new TransferSettings(maxPerSession, tokenTtl, value, udpPayload, hashThreads, impairment, udpAnySource);
    }

    public TransferSettings withUdpPayload(int value) {
        return new TransferSettings(maxPerSession, tokenTtl, idleTimeout, value, hashThreads, impairment, udpAnySource);
    }

    public TransferSettings withImpairment(ImpairmentSettings value) {
        return new TransferSettings(maxPerSession, tokenTtl, idleTimeout, udpPayload, hashThreads, value, udpAnySource);
    }

    public TransferSettings withUdpAnySource(boolean value) {
        return new TransferSettings(maxPerSession, tokenTtl, idleTimeout, udpPayload, hashThreads, impairment, value);
    }
}
