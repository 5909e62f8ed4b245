package dev.chat.client;

import java.io.IOException;

/**
 * The connection is gone: requests still waiting when it dropped, and requests made after it, fail
 * with this. {@link #getCause()} says why when known (an I/O error, a fatal {@link ChatException}).
 */
public final class DisconnectedException extends IOException {
    public DisconnectedException(String message) {
        super(message);
    }

    public DisconnectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
