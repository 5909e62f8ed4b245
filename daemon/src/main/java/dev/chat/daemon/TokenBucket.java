package dev.chat.daemon;

import java.util.function.LongSupplier;

/**
 * The flood limit of one connection: {@code rate} tokens per second up to {@code burst}; each
 * inbound frame takes one, charged at its arrival time. A rate of 0 means no limit. Pure: time comes from the injected
 * nanosecond clock. Not thread-safe; the connection's reader thread owns it.
 */
final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1e9;

    private final double rate;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    TokenBucket(double ratePerSecond, int burst, LongSupplier nanoClock) {
        if (ratePerSecond < 0 || burst < 0) {
            throw new IllegalArgumentException("rate and burst must not be negative");
        }
        this.rate = ratePerSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.last = nanoClock.getAsLong();
    }

    /** Takes a token if one is there now; false means the frame is over the limit. */
    boolean tryAcquire() {
        return tryAcquire(nanoClock.getAsLong());
    }

    /** The bucket's clock now (for frames that carry no arrival time). */
    long now() {
        return nanoClock.getAsLong();
    }

    /**
     * Takes a token for a frame that arrived at {@code arrivedNanos} (refilled up to then); an
     * arrival before the last one charged counts as the last one, so time never runs backwards.
     */
    boolean tryAcquire(long arrivedNanos) {
        if (rate == 0) {
            return true;
        }
        long now = Math.max(last, arrivedNanos);
        tokens = Math.min(burst, tokens + (now - last) / NANOS_PER_SECOND * rate);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
