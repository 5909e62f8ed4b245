package dev.chat.daemon;

import java.util.function.LongSupplier;

/**
 * Charges a sender for what its messages cost to deliver (bytes x recipients) and says how long
 * its socket must then go unread: IRC's "fakelag", but measured in fan-out, since a broadcast to
 * 2,000 users costs 2,000 times a private message. The message itself is always delivered; the
 * sender pays afterwards, so nothing is lost and a calm sender never waits.
 *
 * <p>A budget of {@code burst} bytes refills at {@code perSecond}; a charge may take it below zero,
 * and the debt divided by the rate is the pause. Pure (the clock is injected); owned by one
 * connection's reader thread.
 */
final class FanoutPacer {
    private static final double NANOS_PER_SECOND = 1e9;

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private double budget;
    private long last;

    /** @param perSecond 0 turns the charge off */
    FanoutPacer(long perSecond, long burst, LongSupplier nanoClock) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.budget = burst;
        this.last = nanoClock.getAsLong();
    }

    /** Charges {@code bytes}; returns how many nanoseconds the sender must pause (0 within budget). */
    long charge(long bytes) {
        if (perSecond == 0) {
            return 0;
        }
        long now = nanoClock.getAsLong();
        budget = Math.min(burst, budget + (now - last) / NANOS_PER_SECOND * perSecond);
        last = now;
        budget -= bytes;
        return budget >= 0 ? 0 : (long) (-budget / perSecond * NANOS_PER_SECOND);
    }
}
