package dev.chat.client.tui;

import java.util.concurrent.CompletableFuture;

/**
 * A download under way, as the planned library {@code Download} offers it: progress is sampled
 * (the transfers pane polls it a few times a second while a transfer runs, and not at all when
 * idle) and the result completes once. Thread-safe.
 */
interface TransferHandle {
    TransferProgress progress();

    /** Completes when the file is verified and in place; exceptionally on failure or cancel. */
    CompletableFuture<?> result();

    void cancel();
}
