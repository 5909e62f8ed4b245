package dev.chat.wire.udp;

/**
 * Token-bucket pacer (RFC 9002 §7.7): refills at the congestion controller's pacing rate and
 * holds at most a burst of datagrams, so a window never leaves as one burst. Probes may drive it
 * negative (they must go out at once); later packets then wait until it is positive again.
 */
final class Pacer {
    private static final double MAX_WAIT = 1e9; // a rate near zero must not overflow the clock

    private final long capacity;
    private double tokens;
    private long lastRefill;

    Pacer(long capacityBytes, long now) {
        this.capacity = capacityBytes;
        this.tokens = capacityBytes;
        this.lastRefill = now;
    }

    /** Earliest time a datagram of {@code bytes} may leave at {@code rate} bytes per nanosecond. */
    long nextSendTime(long now, int bytes, double rate) {
        refill(now, rate);
        if (tokens >= bytes) {
            return now;
        }
        double wait = Math.min((bytes - tokens) / rate, MAX_WAIT);
        return now + Math.max(1, (long) Math.ceil(wait));
    }

    void onSent(long now, int bytes, double rate) {
        refill(now, rate);
        tokens -= bytes;
    }

    private void refill(long now, double rate) {
        if (now <= lastRefill) {
            return;
        }
        tokens = Math.min(capacity, tokens + (now - lastRefill) * rate);
        lastRefill = now;
    }
}
