package dev.chat.daemon.store;

/**
 * A store operation that did not happen, with a {@link Reason} the caller maps to a wire error.
 * Futures of {@link ChatStore} fail with it; {@link Reason#OVERLOADED} is also thrown at once by
 * an append that found the write queue full, so the caller can refuse before broadcasting.
 */
public final class StoreException extends RuntimeException {
    /** Why the operation failed. */
    public enum Reason {
        /** The write queue (or the password hashing pool) is full: back off, tell the client to retry. */
        OVERLOADED,
        /** A message with this id already exists in its room or conversation. */
        DUPLICATE_ID,
        /** The name's key is already registered. */
        ALREADY_REGISTERED,
        /** No account has this key. */
        NO_SUCH_ACCOUNT,
        /** The recipient already has the most offline messages the store holds for one user. */
        OFFLINE_FULL,
        /** The store was closed before the operation was committed. */
        CLOSED,
        /** The database was written by a newer chatd (its schema version is unknown here). */
        SCHEMA_TOO_NEW,
        /** The store's server (Redis, in cluster mode) cannot be reached now: retry later. */
        UNAVAILABLE,
        /** The database failed (disk full, I/O error, corrupt file): see the cause. */
        FAILED
    }

    private final Reason reason;

    public StoreException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public StoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
