package dev.chat.client;

import java.util.concurrent.CompletableFuture;

/**
 * A download in progress, from {@link ChatClient#download}. Thread-safe. {@link #result()} completes
 * with the saved file, or exceptionally with a {@link DownloadException}.
 */
public interface DownloadHandle {
    /** The shared file's name as requested ({@code docs/a.txt}). */
    String fileName();

    TransferProtocol protocol();

    /** Completes once the file is verified and saved, or the download failed. */
    CompletableFuture<DownloadResult> result();

    /** The progress now (also delivered to the listener, at most 10 times a second). */
    DownloadProgress progress();

    /** Stops the download; {@link #result()} fails with {@link DownloadException.Reason#CANCELLED}; the
     *  partial file stays for a later resume. No effect once finished. */
    void cancel();
}
