package dev.chat.daemon.tls;

import java.io.IOException;

/** The TLS certificate or key cannot be used: missing, unreadable, malformed, or not a pair. */
public final class TlsSetupException extends IOException {
    TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
