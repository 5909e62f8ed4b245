package dev.chat.daemon.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A private message as stored. {@code id} is the sequence number within its {@link #conversation()}
 * (strictly increasing, assigned by the caller like room ids).
 *
 * @param fromKey  the sender's collision key
 * @param toKey    the recipient's collision key
 * @param fromName the sender's display name when sending
 * @param toName   the recipient's display name as the sender wrote it
 */
public record PrivateMessage(long id, String fromKey, String toKey, String fromName, String toName, String text,
                             Instant time) {
    public PrivateMessage {
        Objects.requireNonNull(fromKey, "fromKey");
        Objects.requireNonNull(toKey, "toKey");
        Objects.requireNonNull(fromName, "fromName");
        Objects.requireNonNull(toName, "toName");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(time, "time");
        if (id < 1) {
            throw new IllegalArgumentException("message ids start at 1, not " + id);
        }
    }

    public Conversation conversation() {
        return Conversation.of(fromKey, toKey);
    }
}
