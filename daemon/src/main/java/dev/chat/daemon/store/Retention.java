package dev.chat.daemon.store;

import java.time.Duration;

/**
 * How much history is kept: messages older than {@code maxAge} are pruned, and so are the oldest
 * beyond {@code maxMessages} (room and private messages together, so the database size is bounded).
 */
public record Retention(Duration maxAge, long maxMessages) {
    public static final Retention DEFAULTS = new Retention(Duration.ofDays(30), 100_000);

    public Retention {
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("history age must be positive");
        }
        if (maxMessages < 1) {
            throw new IllegalArgumentException("history must keep at least 1 message, not " + maxMessages);
        }
    }
}
