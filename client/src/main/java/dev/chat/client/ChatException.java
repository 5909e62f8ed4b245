package dev.chat.client;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;

import java.util.Objects;

/**
 * A typed error: from the daemon (an {@code error} frame) or found locally before sending
 * (text too long, empty, with control characters). Failed request futures carry it as their cause;
 * errors the daemon sends without {@code re} reach {@link ChatListener#onError}.
 */
public final class ChatException extends Exception {
    private final ErrorCode code;

    public ChatException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    static ChatException of(ProtocolException e) {
        return new ChatException(e.code(), e.getMessage());
    }

    public ErrorCode code() {
        return code;
    }

    @Override
    public String toString() {
        return code + ": " + getMessage();
    }
}
