package dev.chat.daemon.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A registered name.
 *
 * @param key          the collision key that is registered (look-alikes map to the same key)
 * @param displayName  the name as the owner spelled it when registering
 * @param passwordHash a PHC string ({@link Argon2id#encode}); the store never sees a password
 * @param locked       an operator locked it: nobody may log in with it
 */
public record Account(String key, String displayName, String passwordHash, boolean locked, Instant created) {
    public Account {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(created, "created");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("account key must not be empty");
        }
    }

    /** Never prints the hash: records end up in logs. */
    @Override
    public String toString() {
        return "Account[" + key + ", " + displayName + (locked ? ", locked" : "") + ", created " + created + "]";
    }
}
