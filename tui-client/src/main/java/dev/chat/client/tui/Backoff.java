package dev.chat.client.tui;

import java.time.Duration;

/**
 * Reconnect delays: 1 s, doubling each failed attempt, at most 30 s; back to 1 s after a success.
 * For a daemon on this machine the cap is 2 s: a refused loopback connect costs nothing, and a
 * restarted local daemon is back within a second or two, so a long wait only keeps the user out.
 * Used by the full-screen client ({@link Connection}) and line mode (the cli's Rejoiner).
 */
public final class Backoff {
    static final Duration INITIAL = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(30);
    static final Duration LOCAL_MAX = Duration.ofSeconds(2);

    private final Duration max;
    private Duration next = INITIAL;

    public Backoff() {
        this(MAX);
    }

    private Backoff(Duration max) {
        this.max = max;
    }

    /** The backoff for a server on this machine ({@code local}) or elsewhere. */
    public static Backoff forServer(boolean local) {
        return new Backoff(local ? LOCAL_MAX : MAX);
    }

    /** The delay before the next attempt; each call doubles the one after. */
    public Duration next() {
        Duration delay = next;
        next = delay.multipliedBy(2).compareTo(max) > 0 ? max : delay.multipliedBy(2);
        return delay;
    }

    public void reset() {
        next = INITIAL;
    }
}
