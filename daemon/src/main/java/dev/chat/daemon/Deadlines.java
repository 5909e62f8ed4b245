package dev.chat.daemon;

import java.time.Duration;

/**
 * When a connection must have done something, as a pure state machine over a nanosecond clock.
 * Before joining: the first complete line within the hello timeout and the join within the join
 * timeout, both counted from connecting. After joining (sessions with heartbeat): a ping after half
 * the idle timeout without a complete line, and the end at the full idle timeout; text sessions
 * ({@link #textMode}) no ping and their own input-silence timeout. Only complete lines count, so a byte trickle extends nothing. Owned by the connection's reader thread.
 */
final class Deadlines {
    /** What is due at a given moment. */
    enum Due { NOTHING, PING, HELLO_TIMEOUT, IDLE_TIMEOUT }

    /** {@link #remaining} when no deadline applies. */
    static final long NONE = Long.MAX_VALUE;

    private final long helloDeadline;
    private final long joinDeadline;
    private long idleNanos;
    private boolean heartbeat = true;
    private boolean sawLine;
    private boolean joined;
    private boolean pinged;
    private long lastLine;

    Deadlines(Duration hello, Duration join, Duration idle, long connectedNanos) {
        this.helloDeadline = connectedNanos + hello.toNanos();
        this.joinDeadline = connectedNanos + join.toNanos();
        this.idleNanos = idle.toNanos();
    }

    /**
     * Text sessions: a person cannot answer a ping, so there is none; the session ends after
     * {@code inputIdle} without a complete line (an empty line will do).
     */
    void textMode(Duration inputIdle) {
        heartbeat = false;
        idleNanos = inputIdle.toNanos();
    }

    void lineReceived(long now) {
        sawLine = true;
        lastLine = now;
        pinged = false;
    }

    void joined(long now) {
        joined = true;
        lastLine = now;
        pinged = false;
    }

    boolean hasJoined() {
        return joined;
    }

    void pingSent() {
        pinged = true;
    }

    /** Nanoseconds from {@code now} to the next deadline, 0 if it has passed, {@link #NONE} if none. */
    long remaining(long now) {
        long deadline;
        if (!joined) {
            deadline = sawLine || joinDeadline - helloDeadline < 0 ? joinDeadline : helloDeadline;
        } else if (heartbeat) {
            deadline = lastLine + (pinged ? idleNanos : idleNanos / 2);
        } else {
            deadline = lastLine + idleNanos;
        }
        return Math.max(0, deadline - now);
    }

    Due due(long now) {
        if (!joined) {
            return remaining(now) == 0 ? Due.HELLO_TIMEOUT : Due.NOTHING;
        }
        if (now - (lastLine + idleNanos) >= 0) {
            return Due.IDLE_TIMEOUT;
        }
        return heartbeat && !pinged && now - (lastLine + idleNanos / 2) >= 0 ? Due.PING : Due.NOTHING;
    }
}
