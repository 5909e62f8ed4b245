package dev.chat.wire.udp;

import java.time.Duration;

/**
 * Tunables of one transfer endpoint; {@link #defaults()} suits the Internet and loopback alike.
 *
 * @param payloadSize file bytes per DATA datagram (the sender uses the smaller of its own and the
 *     receiver's); 1200 keeps datagrams under any path MTU, loopback may use up to 65,000
 * @param receiveWindow bytes beyond its cumulative ack the receiver accepts (flow control)
 * @param maxAckDelay longest the receiver holds back an ACK for an in-order datagram
 * @param idleTimeout silence from the peer after which a transfer fails (dead-peer detection)
 * @param initialRtt RTT assumed before the first sample (RFC 9002: 333 ms)
 * @param timerGranularity floor of RTO/PTO and loss-delay terms: 1 ms, not RFC 6298's 1 s floor,
 *     which would stall loopback transfers for a second on every tail loss
 * @param maxProbeTimeout cap of the exponentially backed-off probe timeout, so a transfer resumes
 *     within this long after a link outage ends
 * @param maxSackRanges SACK ranges per ACK (at most {@link RudpWire#MAX_SACK_RANGES})
 * @param initialWindowPackets initial congestion window in datagrams (RFC 9002: 10)
 * @param pacingBurstPackets datagrams that may leave back to back before pacing spaces them
 * @param maxWindow cap of the congestion window in bytes (bounds sender memory)
 * @param congestionControl the sender's congestion controller: {@link CongestionControl#BBR}
 *     (default: model-based, keeps its rate under random loss) or {@link CongestionControl#NEWRENO}
 */
public record RudpConfig(
        int payloadSize,
        int receiveWindow,
        Duration maxAckDelay,
        Duration idleTimeout,
        Duration initialRtt,
        Duration timerGranularity,
        Duration maxProbeTimeout,
        int maxSackRanges,
        int initialWindowPackets,
        int pacingBurstPackets,
        long maxWindow,
        CongestionControl congestionControl) {

    /** The sender's congestion control algorithm (PROTOCOL.md §16.8.6). */
    public enum CongestionControl {
        /** Model-based (bottleneck bandwidth and min RTT), tolerant of random loss. */
        BBR,
        /** Loss-based, RFC 9002 §7: halves the window once per round trip with loss. */
        NEWRENO
    }

    public RudpConfig {
        if (payloadSize < RudpWire.MIN_PAYLOAD || payloadSize > RudpWire.MAX_PAYLOAD) {
            throw new IllegalArgumentException("payloadSize out of range: " + payloadSize);
        }
        if (receiveWindow < payloadSize) {
            throw new IllegalArgumentException("receiveWindow below one payload: " + receiveWindow);
        }
        requirePositive(maxAckDelay, "maxAckDelay");
        requirePositive(idleTimeout, "idleTimeout");
        requirePositive(initialRtt, "initialRtt");
        requirePositive(timerGranularity, "timerGranularity");
        requirePositive(maxProbeTimeout, "maxProbeTimeout");
        if (maxSackRanges < 1 || maxSackRanges > RudpWire.MAX_SACK_RANGES) {
            throw new IllegalArgumentException("maxSackRanges out of range: " + maxSackRanges);
        }
        if (initialWindowPackets < 2 || pacingBurstPackets < 1) {
            throw new IllegalArgumentException("initialWindowPackets < 2 or pacingBurstPackets < 1");
        }
        if (maxWindow < 2L * (payloadSize + RudpWire.DATA_OVERHEAD)) {
            throw new IllegalArgumentException("maxWindow below two datagrams: " + maxWindow);
        }
        if (congestionControl == null) {
            throw new IllegalArgumentException("congestionControl must not be null");
        }
    }

    /** The configuration before congestion control was selectable; uses {@link CongestionControl#BBR}. */
    public RudpConfig(int payloadSize, int receiveWindow, Duration maxAckDelay, Duration idleTimeout,
            Duration initialRtt, Duration timerGranularity, Duration maxProbeTimeout, int maxSackRanges,
            int initialWindowPackets, int pacingBurstPackets, long maxWindow) {
        this(payloadSize, receiveWindow, maxAckDelay, idleTimeout, initialRtt, timerGranularity, maxProbeTimeout,
                maxSackRanges, initialWindowPackets, pacingBurstPackets, maxWindow, CongestionControl.BBR);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** 1200-byte payloads, 4 MiB receive window, 5 ms max ack delay, 10 s idle timeout, BBR. */
    public static RudpConfig defaults() {
        return new RudpConfig(RudpWire.DEFAULT_PAYLOAD, 4 << 20, Duration.ofMillis(5), Duration.ofSeconds(10),
                Duration.ofMillis(333), Duration.ofMillis(1), Duration.ofSeconds(1), 32, 10, 10, 64L << 20);
    }

    public RudpConfig withPayloadSize(int bytes) {
        return new RudpConfig(bytes, Math.max(receiveWindow, bytes), maxAckDelay, idleTimeout, initialRtt,
                timerGranularity, maxProbeTimeout, maxSackRanges, initialWindowPackets, pacingBurstPackets,
                Math.max(maxWindow, 2L * (bytes + RudpWire.DATA_OVERHEAD)), congestionControl);
    }

    public RudpConfig withReceiveWindow(int bytes) {
        return new RudpConfig(payloadSize, bytes, maxAckDelay, idleTimeout, initialRtt, timerGranularity,
                maxProbeTimeout, maxSackRanges, initialWindowPackets, pacingBurstPackets, maxWindow, congestionControl);
    }

    public RudpConfig withIdleTimeout(Duration timeout) {
        return new RudpConfig(payloadSize, receiveWindow, maxAckDelay, timeout, initialRtt, timerGranularity,
                maxProbeTimeout, maxSackRanges, initialWindowPackets, pacingBurstPackets, maxWindow, congestionControl);
    }

    public RudpConfig withInitialRtt(Duration rtt) {
        return new RudpConfig(payloadSize, receiveWindow, maxAckDelay, idleTimeout, rtt, timerGranularity,
                maxProbeTimeout, maxSackRanges, initialWindowPackets, pacingBurstPackets, maxWindow, congestionControl);
    }

    public RudpConfig withMaxAckDelay(Duration delay) {
        return new RudpConfig(payloadSize, receiveWindow, delay, idleTimeout, initialRtt, timerGranularity,
                maxProbeTimeout, maxSackRanges, initialWindowPackets, pacingBurstPackets, maxWindow, congestionControl);
    }

    public RudpConfig withPacingBurstPackets(int packets) {
        return new RudpConfig(payloadSize, receiveWindow, maxAckDelay, idleTimeout, initialRtt, timerGranularity,
                maxProbeTimeout, maxSackRanges, initialWindowPackets, packets, maxWindow, congestionControl);
    }

    public RudpConfig withMaxSackRanges(int ranges) {
        return new RudpConfig(payloadSize, receiveWindow, maxAckDelay, idleTimeout, initialRtt, timerGranularity,
                maxProbeTimeout, ranges, initialWindowPackets, pacingBurstPackets, maxWindow, congestionControl);
    }

    public RudpConfig withCongestionControl(CongestionControl algorithm) {
        return new RudpConfig(payloadSize, receiveWindow, maxAckDelay, idleTimeout, initialRtt, timerGranularity,
                maxProbeTimeout, maxSackRanges, initialWindowPackets, pacingBurstPackets, maxWindow, algorithm);
    }

    /** Size of the largest datagram this configuration sends: a full DATA or a full ACK. */
    public int maxDatagramSize() {
        int fullAck = RudpWire.HEADER_BYTES + PacketType.ACK.fixedBodyBytes
                + maxSackRanges * RudpWire.SACK_RANGE_BYTES + RudpWire.TAG_BYTES;
        return Math.max(payloadSize + RudpWire.DATA_OVERHEAD, fullAck);
    }
}
