package dev.chat.client;

import dev.chat.wire.ErrorCode;

import java.util.Optional;

/**
 * Joining failed. {@link #kind()} says how; for {@link Kind#REJECTED} {@link #code()} holds the
 * daemon's error code ({@code NAME_TAKEN}, {@code NAME_INVALID}, {@code SERVER_FULL},
 * {@code PROTOCOL_VERSION}, ...).
 */
public final class JoinException extends Exception {
    /** How joining failed. */
    public enum Kind {
        /** The TCP connection could not be made (unknown host, refused, connect timeout). */
        UNREACHABLE,
        /**
         * The TLS handshake failed, mostly because the daemon's certificate is not trusted: unknown and
         * refused, not the pinned one, or changed since it was remembered ({@link ServerChangedException}).
         */
        UNTRUSTED,
        /** The daemon (or the local name check) answered with an error code. */
        REJECTED,
        /** No welcome within the request timeout. */
        TIMED_OUT,
        /** The daemon closed the connection, or it broke, before the welcome. */
        CONNECTION_LOST,
        /** The daemon sent something this client cannot make sense of. */
        PROTOCOL
    }

    private final Kind kind;
    private final ErrorCode code;

    private JoinException(Kind kind, ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
    }

    static JoinException rejected(ErrorCode code, String message) {
        return new JoinException(Kind.REJECTED, code, message, null);
    }

    static JoinException of(Kind kind, String message, Throwable cause) {
        return new JoinException(kind, null, message, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** The daemon's error code; present exactly when {@link #kind()} is {@link Kind#REJECTED}. */
    public Optional<ErrorCode> code() {
        return Optional.ofNullable(code);
    }

    /**
     * True when the connection is still open and another {@link Handshake#join} may follow on it:
     * the daemon refused this hello with a non-fatal code such as {@code NAME_TAKEN}.
     */
    public boolean retryable() {
        return kind == Kind.REJECTED && !code.fatal();
    }

    @Override
    public String toString() {
        return code != null ? "JoinException " + code + ": " + getMessage() : "JoinException " + kind + ": " + getMessage();
    }
}
