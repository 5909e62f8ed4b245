package dev.chat.client.tui;

import dev.chat.client.ChatClient;
import dev.chat.client.Download;
import dev.chat.client.DownloadListener;
import dev.chat.client.DownloadProgress;
import dev.chat.client.TransferProtocol;
import dev.chat.client.UdpStats;
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

    @Override
    public TransferHandle download(String file, TransferProtocol protocol, Path directory) {
        return new LibraryTransfer(client.download(file, protocol, directory, DownloadListener.NONE));
    }

    @Override
    public void close() {
        client.close();
    }

    /** The pane polls {@link #progress()}; the library's own snapshot is all it needs. */
    private record LibraryTransfer(Download download) implements TransferHandle {
        @Override
        public TransferProgress progress() {
            DownloadProgress p = download.progress();
            UdpStats udp = p.udp();
            return new TransferProgress(p.bytesDone(), p.total(), p.bytesPerSecond(), p.eta(),
                    udp == null ? null : udp.smoothedRtt(), udp == null ? -1 : udp.retransmissions());
        }

        @Override
        public CompletableFuture<?> result() {
            return download.result();
        }

        @Override
        public void cancel() {
            download.cancel();
        }
    }
}
