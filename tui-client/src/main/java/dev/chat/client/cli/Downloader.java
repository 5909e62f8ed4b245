package dev.chat.client.cli;

import dev.chat.client.TransferProtocol;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Fetches one shared file for {@code /get}: the console's view of the client library's downloads,
 * so that the commands, their output and their tests do not depend on how transfers work.
 * Implementations report progress from any thread and complete the future with where the file was
 * saved, or exceptionally; cancelling the future should cancel the transfer.
 */
@FunctionalInterface
interface Downloader {
    /** Used until the client library can download: every {@code /get} fails with NOT_AVAILABLE. */
    Downloader UNAVAILABLE = (file, protocol, directory, progress) -> CompletableFuture.failedFuture(
            new CommandException(CommandException.NOT_AVAILABLE, "downloads are not available in this build"));

    CompletableFuture<Saved> download(String file, TransferProtocol protocol, Path directory, Consumer<Progress> progress);

    /** A finished download: where it is, how long, and its SHA-256 in lower-case hex. */
    record Saved(Path path, long bytes, String sha256) {
    }

    /** How far a download is; {@code total} is -1 while unknown. */
    record Progress(long bytesDone, long total, double bytesPerSecond) {
    }
}
