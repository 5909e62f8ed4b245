package dev.chat.client.cli;

import dev.chat.client.ChatClient;
import dev.chat.client.Download;

import dev.chat.client.TransferProtocol;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** {@code /get} through the client library's {@link ChatClient#download}; cancelling the future cancels the transfer. */
final class LibraryDownloader implements Downloader {
    private final ChatClient client;

    LibraryDownloader(ChatClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<Saved> download(String file, TransferProtocol protocol, Path directory, Consumer<Progress> progress) {
        Download download = client.download(file, protocol, directory, p -> progress.accept(new Progress(p.bytesDone(), p.total(), p.bytesPerSecond())));
        CompletableFuture<Saved> saved = download.result().thenApply(r -> new Saved(r.file(), r.bytes(), r.sha256()));
        saved.whenComplete((result, error) -> {
            if (saved.isCancelled()) {
                download.cancel();
            }
        });
        return saved;
    }
}
