package dev.chat.client.cli;

import dev.chat.client.ChatException;
import dev.chat.client.DisconnectedException;
import dev.chat.client.DownloadException;
import dev.chat.client.JoinException;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Why something failed, as a code and a message: the daemon's error code ({@code UNKNOWN_TARGET}),
 * or one of this client's ({@code DISCONNECTED}, {@code TIMEOUT}, {@code EXPECT_TIMEOUT}, ...).
 */
record Failure(String code, String message) {
    static final String USAGE = "USAGE";

    Failure {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** Classifies {@code error}, looking through the wrappers futures add. */
    static Failure of(Throwable error) {
        Throwable e = unwrap(error);
        return switch (e) {
            case ChatException chat -> new Failure(chat.code().name(), String.valueOf(chat.getMessage()));
            case DownloadException download -> new Failure(download.code() != null ? download.code().name()
                    : download.reason().name(), String.valueOf(download.getMessage()));
            case CommandException local -> new Failure(local.code(), String.valueOf(local.getMessage()));
            case DisconnectedException gone -> new Failure("DISCONNECTED", String.valueOf(gone.getMessage()));
            case TimeoutException timeout -> new Failure("TIMEOUT", "no reply from the server in time");
            case CancellationException cancelled -> new Failure("CANCELLED", "cancelled");
            default -> new Failure(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        };
    }

    /** The daemon's code for a rejected join, else how joining failed ({@code UNREACHABLE}, ...). */
    static Failure of(JoinException e) {
        return new Failure(e.code().map(Enum::name).orElseGet(() -> e.kind().name()), String.valueOf(e.getMessage()));
    }

    static Failure usage(String message) {
        return new Failure(USAGE, message);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
