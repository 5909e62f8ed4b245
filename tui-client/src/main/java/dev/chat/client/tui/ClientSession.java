package dev.chat.client.tui;

import dev.chat.client.ChatClient;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.Sent;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@link ChatSession} over a joined {@link ChatClient}. */
final class ClientSession implements ChatSession {
    private final ChatClient client;

    ClientSession(ChatClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return client.name();
    }

    @Override
    public List<String> usersAtJoin() {
        return client.welcome().users();
    }

    @Override
    public String server() {
        return client.welcome().server();
    }

    @Override
    public CompletableFuture<Sent> send(String to, String text) {
        return client.send(to, text);
    }

    @Override
    public CompletableFuture<List<String>> listUsers() {
        return client.listUsers();
    }

    @Override
    public CompletableFuture<List<FileEntry>> listFiles() {
        return client.listFiles();
    }

    /**
     * MERGE: replace the body with the library's download once it lands, i.e.
     * {@code new DownloadHandle(client.download(file, TransferProtocol.valueOf(protocol.name()),
     * directory, DownloadListener.NONE))}, where DownloadHandle maps {@code DownloadProgress} to
     * {@link TransferProgress} (bytesDone, total, bytesPerSecond, eta; udp == null ? (null, -1)
     * : (udp.smoothedRtt(), udp.retransmissions())), {@code result()} and {@code cancel()} one to one.
     * Until then a download fails at once and says why.
     */
    @Override
    public TransferHandle download(String file, Protocol protocol, Path directory) {
        return new FailedTransfer("downloads need ChatClient.download (not in this build yet)");
    }

    @Override
    public void close() {
        client.close();
    }

    /** A transfer that failed before it began. */
    private record FailedTransfer(String why) implements TransferHandle {
        @Override
        public TransferProgress progress() {
            return TransferProgress.NONE;
        }

        @Override
        public CompletableFuture<?> result() {
            return CompletableFuture.failedFuture(new UnsupportedOperationException(why));
        }

        @Override
        public void cancel() {
        }
    }
}
