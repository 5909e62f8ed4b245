package dev.chat.wire.udp;

/**
 * Token-bucket pacer per RFC 9002 §7.7: refills at 1.25 x cwnd / srtt and holds at most a burst
 * of datagrams, so a window never leaves as one burst. Probes may drive it negative (they must go
 * out at once); later packets then wait until it is positive again.
 */
final class Pacer {
    private static final double GAIN = 1.25;

    private final long capacity;
    private double tokens;
    private long lastRefill;

    Pacer(long capacityBytes, long now) {
        this.capacity = capacityBytes;
        this.tokens = capacityBytes;
        this.lastRefill = now;
    }

    /** Earliest time a datagram of {@code bytes} may leave ({@code now} if it may now). */
    long nextSendTime(long now, int bytes, long window, long srtt) {
        refill(now, window, srtt);
        if (tokens >= bytes) {
            return now;
        }
        double wait = (bytes - tokens) * srtt / (GAIN * window);
        return now + Math.max(1, (long) Math.ceil(wait));
    }

    void onSent(long now, int bytes, long window, long srtt) {
        refill(now, window, srtt);
        tokens -= bytes;
    }

    private void refill(long now, long window, long srtt) {
        if (now <= lastRefill) {
            return;
        }
        double added = (double) (now - lastRefill) * GAIN * window / Math.max(srtt, 1);
        tokens = Math.min(capacity, tokens + added);
        lastRefill = now;
    }
}
