package dev.chat.client.tui;

import java.time.Duration;

/** Reconnect delays: 1 s, doubling each failed attempt, at most 30 s; back to 1 s after a success. */
final class Backoff {
    static final Duration INITIAL = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(30);

    private Duration next = INITIAL;

    /** The delay before the next attempt; each call doubles the one after. */
    Duration next() {
        Duration delay = next;
        next = delay.multipliedBy(2).compareTo(MAX) > 0 ? MAX : delay.multipliedBy(2);
        return delay;
    }

    void reset() {
        next = INITIAL;
    }
}
