package dev.chat.client;

import java.time.Duration;

/**
 * Turns (bytes done, time) samples into a rate and an ETA: the rate is an exponentially weighted
 * average with a one-second time constant, so it follows changes without jumping on every sample.
 * Pure (times are passed in); synchronized because progress() may be asked from any thread.
 */
final class ProgressMeter {
    private static final double TIME_CONSTANT_NANOS = 1e9;

    private long lastBytes = -1;
    private long lastNanos;
    private double rate;

    /** Records {@code bytesDone} at {@code nanos} and returns the smoothed rate in bytes per second. */
    synchronized double sample(long bytesDone, long nanos) {
        if (lastBytes < 0) {
            lastBytes = bytesDone;
            lastNanos = nanos;
            return 0;
        }
        long dt = nanos - lastNanos;
        if (dt <= 0) {
            return rate;
        }
        double instant = (bytesDone - lastBytes) * 1e9 / dt;
        double weight = 1 - Math.exp(-dt / TIME_CONSTANT_NANOS);
        rate = rate == 0 ? instant : rate + weight * (instant - rate);
        lastBytes = bytesDone;
        lastNanos = nanos;
        return rate;
    }

    /** Time left for {@code remaining} bytes at {@code rate}; null when the rate is zero. */
    static Duration eta(long remaining, double rate) {
        if (remaining <= 0) {
            return Duration.ZERO;
        }
        if (rate <= 0) {
            return null;
        }
        return Duration.ofNanos((long) Math.min(remaining / rate * 1e9, Long.MAX_VALUE / 2.0));
    }
}
