package dev.chat.client.tui;

import dev.chat.client.ChatListener;
import dev.chat.client.ChatSession;
import dev.chat.client.DownloadHandle;
import dev.chat.client.DownloadListener;
import dev.chat.client.FakeDownload;
import dev.chat.client.JoinException;
import dev.chat.client.TransferProtocol;
import dev.chat.client.WelcomeInfo;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.Sent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wraps a real connector so that its sessions chat with the real daemon but download through
 * {@link FakeDownload}s the test drives, so that a row's every state can be shown on demand.
 */
final class FakeDownloads implements Connector {
    /** Downloads started, by "FILE/PROTOCOL". */
    final Map<String, FakeDownload> started = new ConcurrentHashMap<>();
    private Connector real;

    FakeDownloads(Connector real) {
        this.real = real;
    }

    /** This, wrapping {@code connector}: for the fixture's connector factory. */
    FakeDownloads wrapping(Connector connector) {
        real = connector;
        return this;
    }

    @Override
    public ChatSession join(String name, ChatListener listener) throws JoinException {
        return new FakeDownloadSession(real.join(name, listener));
    }

    @Override
    public String address() {
        return real.address();
    }

    @Override
    public void close() {
        real.close();
    }

    /** The real session in everything but {@link #download}. */
    private final class FakeDownloadSession implements ChatSession {
        private final ChatSession session;

        FakeDownloadSession(ChatSession session) {
            this.session = session;
        }

        @Override
        public CompletableFuture<Void> register(String password) {
            return session.register(password);
        }

        @Override
        public CompletableFuture<Void> changePassword(String old, String password) {
            return session.changePassword(old, password);
        }

        @Override
        public CompletableFuture<List<dev.chat.wire.frame.Message>> history(Long before, Long after, int limit) {
            return session.history(before, after, limit);
        }

        @Override
        public WelcomeInfo welcome() {
            return session.welcome();
        }

        @Override
        public boolean isOpen() {
            return session.isOpen();
        }

        @Override
        public CompletableFuture<Void> terminated() {
            return session.terminated();
        }

        @Override
        public CompletableFuture<Sent> send(String to, String text) {
            return session.send(to, text);
        }

        @Override
        public CompletableFuture<Sent> sendAction(String to, String text) {
            return session.sendAction(to, text);
        }

        @Override
        public CompletableFuture<Void> away(String reason) {
            return session.away(reason);
        }

        @Override
        public CompletableFuture<List<String>> listUsers() {
            return session.listUsers();
        }

        @Override
        public CompletableFuture<List<FileEntry>> listFiles() {
            return session.listFiles();
        }

        @Override
        public DownloadHandle download(String file, TransferProtocol protocol, Path directory, DownloadListener listener) {
            FakeDownload download = new FakeDownload(file, protocol, listener);
            started.put(file + "/" + protocol, download);
            return download;
        }

        @Override
        public CompletableFuture<Duration> ping() {
            return session.ping();
        }

        @Override
        public void close() {
            session.close();
        }
    }
}
