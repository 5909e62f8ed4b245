package dev.chat.client.tui;

import java.util.Locale;

/** A transfer's life, as in WeeChat's xfer buffer. */
enum TransferStatus {
    CONNECTING, ACTIVE, VERIFYING, DONE, FAILED, CANCELLED;

    boolean finished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
