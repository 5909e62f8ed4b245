package dev.chat.daemon;

import dev.chat.daemon.store.Account;
import dev.chat.daemon.store.Accounts;
import dev.chat.daemon.store.ChatStore;
import dev.chat.daemon.store.StoreException;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.Limits;
import dev.chat.wire.ProtocolException;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The account rules of a session: who may join a registered name, where a password may travel,
 * and the {@code register} and {@code password} requests. Password checks run on the
 * {@link Accounts}' bounded hashing pool; the session's reader thread (virtual) waits for them, so
 * its replies stay in order and a client guessing passwords is not read meanwhile. Every method
 * throws a {@link ProtocolException} answering {@code re}; none logs a password.
 */
final class Logins {
    /** Where a session comes from, for the plaintext rule and the per-address throttle. */
    record Origin(InetAddress address, boolean encrypted) {
        String throttleKey() {
            return address.getHostAddress();
        }
    }

    private final ChatStore store;
    private final Accounts accounts;
    private final boolean plaintextOnLoopback;

    Logins(ChatStore store, Accounts accounts, boolean plaintextOnLoopback) {
        this.store = store;
        this.accounts = accounts;
        this.plaintextOnLoopback = plaintextOnLoopback;
    }

    /**
     * Checks a hello's claim to {@code key}: true when the name is registered and the password is
     * right, false for a guest (the name is not registered; a password given for it is ignored).
     */
    boolean admit(String key, String name, String password, Origin origin, long re) {
        if (password != null) {
            requireSecure(origin, re);
        }
        Optional<Account> account = read(() -> store.account(key), re);
        if (account.isEmpty()) {
            return false;
        }
        if (password == null) {
            throw new ProtocolException(ErrorCode.PASSWORD_REQUIRED,
                    "the name '" + name + "' is registered: give its password", re);
        }
        Accounts.Login result = await(accounts.login(key, password.toCharArray(), origin.throttleKey()), re);
        return switch (result) {
            case OK -> true;
            case NOT_REGISTERED -> false; // deleted while we looked: the name is free
            case WRONG_PASSWORD -> throw wrongPassword(name, re);
            case LOCKED -> throw new ProtocolException(ErrorCode.ACCOUNT_LOCKED,
                    "the account '" + name + "' is locked", re);
            case THROTTLED -> throw throttled(re);
        };
    }

    /** Registers the session's name with {@code password}. */
    void register(String key, String name, String password, Origin origin, long re) {
        requireSecure(origin, re);
        requireStrong(password, re);
        await(accounts.register(key, name, password.toCharArray()), re);
    }

    /** Replaces the registered session's password after checking the old one (throttled like a login). */
    void changePassword(String key, String name, String old, String password, Origin origin, long re) {
        requireSecure(origin, re);
        requireStrong(password, re);
        Accounts.Login result = await(accounts.changePassword(key, old.toCharArray(), password.toCharArray(),
                origin.throttleKey()), re);
        switch (result) {
            case OK -> { }
            case NOT_REGISTERED -> throw new ProtocolException(ErrorCode.NOT_REGISTERED,
                    "the name '" + name + "' is not registered", re);
            case WRONG_PASSWORD -> throw wrongPassword(name, re);
            case LOCKED -> throw new ProtocolException(ErrorCode.ACCOUNT_LOCKED, "the account '" + name + "' is locked", re);
            case THROTTLED -> throw throttled(re);
        }
    }

    /** The account of {@code key}, if registered. */
    Optional<Account> account(String key, long re) {
        return read(() -> store.account(key), re);
    }

    /** Whether a password may travel on a connection from {@code origin}: over TLS, or per --plaintext-login. */
    boolean acceptsPasswords(Origin origin) {
        return origin.encrypted() || (plaintextOnLoopback && origin.address().isLoopbackAddress());
    }

    private void requireSecure(Origin origin, long re) {
        if (!acceptsPasswords(origin)) {
            throw new ProtocolException(ErrorCode.PLAINTEXT_LOGIN,
                    "passwords are accepted over TLS only (connect with TLS)", re);
        }
    }

    private static void requireStrong(String password, long re) {
        if (password.length() < Limits.MIN_NEW_PASSWORD_CHARS) {
            throw new ProtocolException(ErrorCode.PASSWORD_INVALID,
                    "a new password has at least " + Limits.MIN_NEW_PASSWORD_CHARS + " characters", re);
        }
    }

    private static ProtocolException wrongPassword(String name, long re) {
        return new ProtocolException(ErrorCode.WRONG_PASSWORD, "wrong password for '" + name + "'", re);
    }

    private static ProtocolException throttled(long re) {
        return new ProtocolException(ErrorCode.THROTTLED,
                "too many login attempts for this name or from your address: wait a minute", re);
    }

    private static <T> T read(java.util.function.Supplier<T> read, long re) {
        try {
            return read.get();
        } catch (StoreException e) {
            if (e.reason() == StoreException.Reason.UNAVAILABLE) {
                throw new ProtocolException(ErrorCode.CLUSTER_UNAVAILABLE, "the cluster is unreachable: retry later", re);
            }
            throw new ProtocolException(ErrorCode.STORE_FAILED, "the accounts cannot be read now", re);
        }
    }

    /** Waits for a password operation; store and pool failures become typed errors. */
    private static <T> T await(CompletableFuture<T> future, long re) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProtocolException(ErrorCode.SHUTTING_DOWN, "the session is closing", re);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreException se) {
                throw switch (se.reason()) {
                    case ALREADY_REGISTERED -> new ProtocolException(ErrorCode.ALREADY_REGISTERED,
                            "the name is registered already", re);
                    case NO_SUCH_ACCOUNT -> new ProtocolException(ErrorCode.NOT_REGISTERED, "the name is not registered", re);
                    case OVERLOADED -> new ProtocolException(ErrorCode.THROTTLED,
                            "too many password checks at once: retry in a moment", re);
                    default -> new ProtocolException(ErrorCode.STORE_FAILED, "the account could not be saved", re);
                };
            }
            throw new ProtocolException(ErrorCode.INTERNAL, "the password check failed", re);
        }
    }
}
