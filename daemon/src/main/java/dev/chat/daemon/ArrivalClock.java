package dev.chat.daemon;

import java.util.concurrent.TimeUnit;

/**
 * When each inbound line arrived, for the flood limit: a line must be charged when it arrived, not
 * when the reader got round to it, or a stall of the daemon (a lock, a busy CPU) turns a calm
 * client's backlog into {@code RATE_LIMITED}. Java cannot read the kernel's arrival timestamps, but
 * the bytes of a read arrived after the last read that emptied the socket (one that did not fill its
 * buffer) returned. So lines are stamped one refill interval apart from that moment, never later
 * than the read that returned them: a backlog sent at or under the rate is charged as it was sent,
 * and a flood (reads back to back) as it is read. A stamp is never more than {@link #MAX_CREDIT}
 * before its read, so the most a client gains by idling first is {@code rate x MAX_CREDIT} lines
 * once; its rate over time never exceeds the limit.
 *
 * <p>Pure: times are passed in. Owned by the connection's reader thread.
 */
final class ArrivalClock {
    /** The longest stall of the daemon whose backlog is still charged as it was sent. */
    static final long MAX_CREDIT = TimeUnit.SECONDS.toNanos(15);

    private final long intervalNanos;
    private long drainedRead;
    private long lastRead;
    private boolean lastFilled;
    private long lastStamp;

    /** @param ratePerSecond the flood limit's refill rate; 0 (no limit) stamps every line with its read */
    ArrivalClock(double ratePerSecond, long startNanos) {
        this.intervalNanos = ratePerSecond > 0 ? Math.max(1, Math.round(1e9 / ratePerSecond)) : Long.MAX_VALUE;
        this.drainedRead = startNanos;
        this.lastRead = startNanos;
        this.lastStamp = startNanos;
    }

    /** A read returned bytes at {@code now}; {@code filled} when it filled its buffer (more may wait). */
    void readReturned(long now, boolean filled) {
        if (!lastFilled) {
            drainedRead = lastRead;
        }
        lastRead = now;
        lastFilled = filled;
    }

    /** The arrival time of the next complete line (monotonic, never after the read that returned it). */
    long nextLine() {
        long floor = Math.max(lastStamp, Math.max(drainedRead, lastRead - MAX_CREDIT));
        long stamp = intervalNanos == Long.MAX_VALUE || lastRead - floor <= intervalNanos
                ? lastRead : floor + intervalNanos;
        lastStamp = stamp;
        return stamp;
    }
}
