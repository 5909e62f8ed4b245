package dev.chat.daemon;

import java.util.function.LongSupplier;

/**
 * The flood limit of one connection: {@code rate} tokens per second up to {@code burst}; each
 * inbound frame takes one. A rate of 0 means no limit. Pure: time comes from the injected
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

    /** Takes a token if one is there; false means the frame is over the limit. */
    boolean tryAcquire() {
        if (rate == 0) {
            return true;
        }
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) / NANOS_PER_SECOND * rate);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
