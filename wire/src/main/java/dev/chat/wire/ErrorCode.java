package dev.chat.wire;

import java.util.HashMap;
import java.util.Map;

/**
 * Typed error codes carried by {@code error} frames. The wire form is the constant's name.
 * {@link #fatal()} codes are always followed by the daemon closing the connection.
 */
public enum ErrorCode {
    BAD_FRAME(false, "the line is not a valid frame"),
    LINE_TOO_LONG(true, "the line exceeds the maximum line length"),
    TOO_MANY_BAD_FRAMES(true, "too many invalid frames in a row"),
    UNKNOWN_TYPE(false, "unknown frame type"),
    NOT_JOINED(false, "say hello first"),
    ALREADY_JOINED(false, "this connection has already joined"),
    NAME_INVALID(false, "the name is not valid"),
    NAME_TAKEN(false, "the name is taken"),
    SERVER_FULL(true, "the server is full"),
    TOO_MANY_CONNECTIONS(true, "too many connections from your address"),
    UNKNOWN_TARGET(false, "no such user online"),
    EMPTY_MESSAGE(false, "the message is empty"),
    MESSAGE_TOO_LONG(false, "the message is too long"),
    MESSAGE_INVALID(false, "the message contains control characters"),
    RATE_LIMITED(false, "too many frames, slow down"),
    PROTOCOL_VERSION(true, "unsupported protocol version"),
    HELLO_TIMEOUT(true, "no hello within the time limit"),
    INTERNAL(true, "internal server error"),
    BAD_FILE_NAME(false, "the file name is not allowed"),
    FILE_NOT_FOUND(false, "no such shared file"),
    FILES_UNAVAILABLE(false, "the shared folder cannot be read now"),
    TOO_MANY_TRANSFERS(false, "too many transfers at once"),
    BAD_OFFSET(false, "the start offset lies beyond the end of the file"),
    BAD_TOKEN(false, "the transfer token is unknown, used or expired"),
    SHUTTING_DOWN(false, "the server is shutting down"),
    TLS_REQUIRED(true, "this server accepts TLS connections only"),
    PASSWORD_REQUIRED(false, "the name is registered: give its password"),
    WRONG_PASSWORD(false, "wrong password"),
    ACCOUNT_LOCKED(false, "the account is locked"),
    THROTTLED(false, "too many login attempts, wait"),
    PLAINTEXT_LOGIN(false, "passwords are accepted over TLS only"),
    ALREADY_REGISTERED(false, "the name is registered already"),
    NOT_REGISTERED(false, "the name is not registered"),
    PASSWORD_INVALID(false, "the new password is too short"),
    STORE_BUSY(false, "the message store is busy, retry"),
    STORE_FAILED(false, "the message could not be stored"),
    /** The last frame of a session whose name a login with the account's password took over (18.8). */
    SESSION_REPLACED(true, "your name was taken over by a login with its password"),
    CLUSTER_UNAVAILABLE(false, "the cluster cannot be reached now, retry");

    private static final Map<String, ErrorCode> BY_WIRE_NAME = new HashMap<>();

    static {
        for (ErrorCode code : values()) {
            BY_WIRE_NAME.put(code.name(), code);
        }
    }

    private final boolean fatal;
    private final String defaultMessage;

    ErrorCode(boolean fatal, String defaultMessage) {
        this.fatal = fatal;
        this.defaultMessage = defaultMessage;
    }

    /** True when the daemon always closes the connection after sending this error. */
    public boolean fatal() {
        return fatal;
    }

    public String defaultMessage() {
        return defaultMessage;
    }

    /** Looks a code up by its wire name; throws {@link IllegalArgumentException} on an unknown one. */
    public static ErrorCode fromWire(String name) {
        ErrorCode code = BY_WIRE_NAME.get(name);
        if (code == null) {
            throw new IllegalArgumentException("unknown error code: " + name);
        }
        return code;
    }
}
