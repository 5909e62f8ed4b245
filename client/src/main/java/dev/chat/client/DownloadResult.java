package dev.chat.client;

import java.nio.file.Path;
import java.util.Objects;

/** A finished download: where it was saved, its size, and its verified SHA-256 (64 hex digits). */
public record DownloadResult(Path file, long bytes, String sha256) {
    public DownloadResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
    }
}
