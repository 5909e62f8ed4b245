package dev.chat.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link DownloadHandle} the test drives: it sets the progress (passed on to the listener, as the
 * library's progress thread would) and completes the result. Cancelling fails the result with
 * {@link DownloadException.Reason#CANCELLED}, as the library does. Public (test code only) for the
 * terminal UIs' tests.
 */
public final class FakeDownload implements DownloadHandle {
    private final String fileName;
    private final TransferProtocol protocol;
    private final DownloadListener listener;
    private final CompletableFuture<DownloadResult> result = new CompletableFuture<>();
    private volatile DownloadProgress progress = new DownloadProgress(0, -1, 0, null, null);
    private volatile boolean cancelled;

    public FakeDownload(String fileName, TransferProtocol protocol, DownloadListener listener) {
        this.fileName = fileName;
        this.protocol = protocol;
        this.listener = listener == null ? DownloadListener.NONE : listener;
    }

    /** {@code done} of {@code total} bytes at {@code rate}; the ETA follows; UDP statistics when {@code rtt} is set. */
    public void advance(long done, long total, double rate, Duration rtt, long retransmissions) {
        Duration eta = rate > 0 ? Duration.ofSeconds((long) ((total - done) / rate)) : null;
        UdpStats udp = rtt == null ? null : new UdpStats(rtt, -1, retransmissions, 0);
        report(new DownloadProgress(done, total, rate, eta, udp));
    }

    /** Sets the progress and tells the listener. */
    public void report(DownloadProgress next) {
        progress = next;
        listener.onProgress(next);
    }

    /** True once {@link #cancel()} was called. */
    public boolean cancelled() {
        return cancelled;
    }

    @Override
    public String fileName() {
        return fileName;
    }

    @Override
    public TransferProtocol protocol() {
        return protocol;
    }

    @Override
    public CompletableFuture<DownloadResult> result() {
        return result;
    }

    @Override
    public DownloadProgress progress() {
        return progress;
    }

    @Override
    public void cancel() {
        cancelled = true;
        result.completeExceptionally(new DownloadException(DownloadException.Reason.CANCELLED, "cancelled"));
    }
}
