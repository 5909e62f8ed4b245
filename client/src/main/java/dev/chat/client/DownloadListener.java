package dev.chat.client;

/** Progress of one download, called at most 10 times a second on a client scheduler thread. */
@FunctionalInterface
public interface DownloadListener {
    void onProgress(DownloadProgress progress);

    /** A listener that ignores progress. */
    DownloadListener NONE = progress -> { };
}
