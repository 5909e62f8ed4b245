package dev.chat.client;

import dev.chat.wire.ErrorCode;

import java.util.Objects;

/**
 * Why a download failed. {@link #code()} is the daemon's error code when it refused the request
 * (FILE_NOT_FOUND, BAD_FILE_NAME, TOO_MANY_TRANSFERS, BAD_OFFSET, BAD_TOKEN...), else null.
 */
public final class DownloadException extends Exception {
    /** The kind of failure. */
    public enum Reason {
        /** The daemon refused (see {@link #code()}). */
        REFUSED,
        /** The bytes arrived but their SHA-256 differs; nothing was saved under the final name. */
        VERIFICATION_FAILED,
        /** The chat or data connection ended before the file was complete; the .part file stays. */
        CONNECTION_LOST,
        /** Nothing heard from the daemon's UDP endpoint for 10 s; the .part file stays. */
        PEER_TIMEOUT,
        /** {@link DownloadHandle#cancel()}; the .part file stays. */
        CANCELLED,
        /** The daemon broke the protocol (wrong header, bad name, more bytes than announced...). */
        PROTOCOL,
        /** A local file could not be written, or the same file is already being downloaded here. */
        LOCAL_IO
    }

    private final Reason reason;
    private final ErrorCode code;

    public DownloadException(Reason reason, ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.code = code;
    }

    public DownloadException(Reason reason, String message) {
        this(reason, null, message, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The daemon's error code, or null when the failure was not a refusal by the daemon. */
    public ErrorCode code() {
        return code;
    }

    @Override
    public String toString() {
        return (code != null ? code : reason) + ": " + getMessage();
    }
}
