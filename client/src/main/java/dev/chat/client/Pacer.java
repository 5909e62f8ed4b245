package dev.chat.client;

import java.util.function.LongSupplier;

/**
 * This client's copy of the daemon's flood limit (welcome {@code limits}: {@code rate_per_second}
 * tokens a second up to {@code rate_burst}, one per frame), so that a client that sends faster than
 * the daemon allows waits instead of being answered {@code RATE_LIMITED}. Pure: time comes from the
 * injected nanosecond clock. Not thread-safe; the send queue's lock guards it.
 *
 * <p>Why the bucket is smaller than the daemon's: the daemon charges a frame when it reads it, not
 * when this client wrote it. Frames that are read late while the daemon's bucket is already full
 * lose the refill of that delay, so a bucket of exactly the daemon's size could still overrun it.
 * Keeping a fifth of the burst in reserve absorbs a read delay of {@code burst / 5 / rate} seconds
 * (half a second with the defaults) at no cost to sustained throughput.
 */
final class Pacer {
    private static final double NANOS_PER_SECOND = 1e9;

    private final double rate;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    /**
     * @param ratePerSecond the daemon's {@code rate_per_second}; 0 means no limit
     * @param daemonBurst   the daemon's {@code rate_burst}
     * @param alreadySent   frames the daemon has charged before this pacer starts (the hellos)
     */
    Pacer(double ratePerSecond, int daemonBurst, long alreadySent, LongSupplier nanoClock) {
        if (ratePerSecond < 0 || daemonBurst < 0 || alreadySent < 0) {
            throw new IllegalArgumentException("negative rate, burst or count");
        }
        this.rate = ratePerSecond;
        this.burst = Math.max(1, daemonBurst - Math.max(1, daemonBurst / 5));
        this.nanoClock = nanoClock;
        this.tokens = Math.max(0, burst - alreadySent);
        this.last = nanoClock.getAsLong();
    }

    /** Takes a token and returns 0 when a frame may go now; else the nanoseconds until one may. */
    long tryTake() {
        if (rate == 0) {
            return 0;
        }
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) / NANOS_PER_SECOND * rate);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / rate * NANOS_PER_SECOND));
    }
}
