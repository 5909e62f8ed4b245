package dev.chat.wire.udp;

/**
 * Token-bucket pacer (RFC 9002 §7.7): refills at the congestion controller's pacing rate and
 * holds at most a burst, so a window never leaves as one burst. Probes may drive it negative
 * (they must go out at once); later packets then wait until it is positive again.
 *
 * <p>The burst is the configured number of datagrams, or one millisecond's worth at the pacing
 * rate when that is more, up to 64 KiB: the "send quantum" of BBR and Linux's TSO autosizing. At
 * hundreds of MB/s the gap between datagrams is a few microseconds, far below what a thread can
 * sleep, so a fixed small burst would cap the rate at burst / wake-up latency.
 */
final class Pacer {
    private static final double MAX_WAIT = 1e9; // a rate near zero must not overflow the clock
    static final long QUANTUM_NANOS = 1_000_000;
    static final long MAX_QUANTUM_BYTES = 64 * 1024;

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
        tokens = Math.min(burst(rate), tokens + (now - lastRefill) * rate);
        lastRefill = now;
    }

    /** The most that may leave at one instant at {@code rate} bytes per nanosecond. */
    long burst(double rate) {
        return Math.max(capacity, Math.min((long) (rate * QUANTUM_NANOS), MAX_QUANTUM_BYTES));
    }
}
