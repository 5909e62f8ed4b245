package dev.chat.client;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A finished download: where it was saved (the name may differ from the daemon's, {@code NAME (1)},
 * when the first choice was taken), its size, its verified SHA-256 (64 hex digits), and the offset
 * it resumed from (the length of the {@code .part} kept by an earlier attempt; 0 for a fresh start).
 */
public record DownloadResult(Path file, long bytes, String sha256, long resumedFrom) {
    public DownloadResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        if (resumedFrom < 0) {
            throw new IllegalArgumentException("negative resume offset: " + resumedFrom);
        }
    }

    /** A download that started from the first byte. */
    public DownloadResult(Path file, long bytes, String sha256) {
        this(file, bytes, sha256, 0);
    }

    /** True when an earlier attempt's {@code .part} was continued. */
    public boolean resumed() {
        return resumedFrom > 0;
    }
}
