package dev.chat.daemon.store;

import java.util.Objects;

/**
 * A private conversation: the unordered pair of the two users' collision keys
 * ({@link dev.chat.wire.Names#key}), kept as {@code low <= high} so that alice→bob and bob→alice
 * are one conversation with one id sequence. Keys, not display names: a user who changes the case
 * or a look-alike letter of their name stays in the same conversation, and a look-alike impostor
 * does not join it. A user writing to themselves has {@code low == high}.
 */
public record Conversation(String low, String high) {
    public Conversation {
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        if (low.isEmpty() || high.isEmpty()) {
            throw new IllegalArgumentException("conversation keys must not be empty");
        }
        if (low.compareTo(high) > 0) {
            throw new IllegalArgumentException("conversation keys out of order: use Conversation.of");
        }
    }

    /** The conversation between the users with keys {@code a} and {@code b}, in either order. */
    public static Conversation of(String a, String b) {
        return a.compareTo(b) <= 0 ? new Conversation(a, b) : new Conversation(b, a);
    }

    public boolean involves(String key) {
        return low.equals(key) || high.equals(key);
    }
}
