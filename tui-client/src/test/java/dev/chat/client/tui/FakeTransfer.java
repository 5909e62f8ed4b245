package dev.chat.client.tui;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/** A transfer driven by the test: it sets the progress and completes the result. */
final class FakeTransfer implements TransferHandle {
    final CompletableFuture<Void> result = new CompletableFuture<>();
    volatile TransferProgress progress = TransferProgress.NONE;

    void advance(long done, long total, double rate, Duration rtt, long retransmissions) {
        long left = total - done;
        progress = new TransferProgress(done, total, rate, rate > 0 ? Duration.ofSeconds((long) (left / rate)) : null,
                rtt, retransmissions);
    }

    @Override
    public TransferProgress progress() {
        return progress;
    }

    @Override
    public CompletableFuture<?> result() {
        return result;
    }

    @Override
    public void cancel() {
        result.completeExceptionally(new CancellationException("cancelled"));
    }
}
