package dev.chat.wire.udp;

/**
 * NewReno congestion control per RFC 9002 §7 (RFC 6582 semantics, QUIC-style recovery period):
 * slow start, congestion avoidance (one datagram per window per RTT), at most one halving per
 * recovery period (losses of packets sent before the period began do not reduce again), and a
 * collapse to the minimum window on persistent congestion. Counts bytes of whole datagrams.
 */
final class NewReno implements CongestionController {
    private static final double PACING_GAIN = 1.25;

    private final long maxDatagram;
    private final long minWindow;
    private final long maxWindow;
    private long window;
    private long slowStartThreshold = Long.MAX_VALUE;
    private long bytesInFlight;
    private long recoveryStart = Long.MIN_VALUE;
    private long ackedInAvoidance;
    private long congestionEvents;
    private long persistentCongestions;

    NewReno(long maxDatagram, int initialWindowPackets, long maxWindow) {
        this.maxDatagram = maxDatagram;
        this.minWindow = 2 * maxDatagram;
        this.maxWindow = Math.max(maxWindow, minWindow);
        this.window = Math.min(this.maxWindow, initialWindowPackets * maxDatagram);
    }

    @Override
    public boolean canSend(int bytes) {
        return bytesInFlight + bytes <= window;
    }

    @Override
    public void onSent(int bytes, long now) {
        bytesInFlight += bytes;
    }

    /**
     * A packet was acknowledged. {@code windowLimit} caps growth: a window far above what flow
     * control lets the sender use would only grow from acks of a non-full pipe (RFC 9002 §7.8).
     */
    @Override
    public void onAcked(int bytes, long sentTime, long windowLimit) {
        bytesInFlight -= bytes;
        if (sentTime <= recoveryStart) {
            return; // acks of packets sent before recovery began do not grow the window
        }
        long limit = Math.min(maxWindow, Math.max(windowLimit, minWindow));
        if (window >= limit) {
            return;
        }
        if (window < slowStartThreshold) {
            window = Math.min(limit, window + bytes);
        } else {
            ackedInAvoidance += bytes;
            if (ackedInAvoidance >= window) {
                ackedInAvoidance -= window;
                window = Math.min(limit, window + maxDatagram);
            }
        }
    }

    /** Removes a packet from flight without a congestion signal (its data was acked by a copy). */
    @Override
    public void onDiscarded(int bytes) {
        bytesInFlight -= bytes;
    }

    @Override
    public void onLost(int bytes) {
        bytesInFlight -= bytes;
    }

    /** Losses were detected; the latest lost packet was sent at {@code sentTime}. */
    @Override
    public void onCongestionEvent(long sentTime, long now) {
        if (sentTime <= recoveryStart) {
            return; // already reduced for this round trip
        }
        recoveryStart = now;
        congestionEvents++;
        slowStartThreshold = Math.max(window / 2, minWindow);
        window = slowStartThreshold;
        ackedInAvoidance = 0;
    }

    @Override
    public void onPersistentCongestion() {
        persistentCongestions++;
        window = minWindow;
        recoveryStart = Long.MIN_VALUE;
        ackedInAvoidance = 0;
    }

    @Override
    public long window() {
        return window;
    }

    /** RFC 9002 §7.7: 1.25 x cwnd per smoothed RTT, so the window is spread over most of the RTT. */
    @Override
    public double pacingRate(RttEstimator rtt) {
        return PACING_GAIN * window / Math.max(rtt.smoothed(), 1);
    }

    long slowStartThreshold() {
        return slowStartThreshold;
    }

    @Override
    public long bytesInFlight() {
        return bytesInFlight;
    }

    @Override
    public long congestionEvents() {
        return congestionEvents;
    }

    long persistentCongestions() {
        return persistentCongestions;
    }
}
