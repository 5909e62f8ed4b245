package dev.chat.daemon.store;

import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;

/**
 * Registration and login over any {@link ChatStore}: hashing on the {@link PasswordHasher}'s pool,
 * attempts charged to the {@link LoginThrottle} before any hash is computed. The password array
 * is the caller's; it may wipe it once the returned future completed.
 */
public final class Accounts {
    /** How a login ended; the session maps it to a wire error. */
    public enum Login {
        OK, NOT_REGISTERED, WRONG_PASSWORD, LOCKED, THROTTLED
    }

    private final ChatStore store;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final InstantSource clock;

    public Accounts(ChatStore store, PasswordHasher hasher, LoginThrottle throttle, InstantSource clock) {
        this.store = store;
        this.hasher = hasher;
        this.throttle = throttle;
        this.clock = clock;
    }

    /** Registers {@code key} (a collision key) for {@code displayName}; {@code ALREADY_REGISTERED} if taken. */
    public CompletableFuture<Void> register(String key, String displayName, char[] password) {
        if (store.account(key).isPresent()) {
            return CompletableFuture.failedFuture(new StoreException(StoreException.Reason.ALREADY_REGISTERED,
                    "the name " + key + " is registered"));
        }
        return hasher.hash(password).thenCompose(hash ->
                store.register(new Account(key, displayName, hash, false, clock.instant())));
    }

    /**
     * Checks a login. A locked account is refused without hashing; an unknown one is
     * {@code NOT_REGISTERED} (the caller lets a guest have the name).
     */
    public CompletableFuture<Login> login(String key, char[] password, String address) {
        var account = store.account(key);
        if (account.isEmpty()) {
            return CompletableFuture.completedFuture(Login.NOT_REGISTERED);
        }
        if (account.get().locked()) {
            return CompletableFuture.completedFuture(Login.LOCKED);
        }
        Duration wait = throttle.tryAttempt(key, address);
        if (!wait.isZero()) {
            return CompletableFuture.completedFuture(Login.THROTTLED);
        }
        return hasher.verify(password, account.get().passwordHash()).thenApply(ok -> {
            if (ok) {
                throttle.succeeded(key, address);
                return Login.OK;
            }
            return Login.WRONG_PASSWORD;
        });
    }

    /** Sets a new password after checking the old one (throttled like a login). */
    public CompletableFuture<Login> changePassword(String key, char[] oldPassword, char[] newPassword, String address) {
        return login(key, oldPassword, address).thenCompose(result -> result != Login.OK
                ? CompletableFuture.completedFuture(result)
                : hasher.hash(newPassword).thenCompose(hash -> store.changePassword(key, hash)).thenApply(v -> Login.OK));
    }
}
