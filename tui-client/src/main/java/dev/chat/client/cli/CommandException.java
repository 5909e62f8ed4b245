package dev.chat.client.cli;

import java.util.Objects;

/**
 * A command failed for a reason found in this client, not by the daemon: an {@code /expect} that
 * timed out, a download that stalled. {@link #code()} plays the part of the daemon's error code.
 */
final class CommandException extends Exception {
    static final String EXPECT_TIMEOUT = "EXPECT_TIMEOUT";
    static final String DOWNLOAD_FAILED = "DOWNLOAD_FAILED";
    static final String DOWNLOAD_STALLED = "DOWNLOAD_STALLED";

    private final String code;

    CommandException(String code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    String code() {
        return code;
    }
}
