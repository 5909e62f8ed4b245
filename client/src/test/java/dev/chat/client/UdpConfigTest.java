package dev.chat.client;

import dev.chat.wire.udp.RudpConfig;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UdpConfigTest {
    private static final InetAddress REMOTE = addressOf("192.0.2.7"); // TEST-NET-1: a literal, no lookup

    private static InetAddress addressOf(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aGrantThatCameBackQuicklyTimesTheHandshakeRepeats() {
        RudpConfig config = DownloadTask.udpConfig(REMOTE, Duration.ofMillis(4));
        assertEquals(Duration.ofMillis(4), config.initialRtt());
    }

    @Test
    void aSlowGrantLeavesTheDefaultInitialRtt() {
        RudpConfig config = DownloadTask.udpConfig(REMOTE, Duration.ofSeconds(2)); // e.g. the daemon hashed the file first
        assertEquals(RudpConfig.defaults().initialRtt(), config.initialRtt());
    }

    @Test
    void anInstantGrantIsFlooredSoASchedulingHiccupRepeatsNoHandshake() {
        RudpConfig config = DownloadTask.udpConfig(REMOTE, Duration.ofNanos(50_000));
        assertEquals(DownloadTask.MIN_INITIAL_RTT, config.initialRtt());
    }

    @Test
    void loopbackGetsTheLargestPayloadAndANetworkTheSafeOne() {
        assertEquals(dev.chat.wire.udp.RudpWire.MAX_PAYLOAD,
                DownloadTask.udpConfig(InetAddress.getLoopbackAddress(), Duration.ofMillis(1)).payloadSize());
        assertEquals(dev.chat.wire.udp.RudpWire.DEFAULT_PAYLOAD, DownloadTask.udpConfig(REMOTE, Duration.ofMillis(1)).payloadSize());
    }
}
