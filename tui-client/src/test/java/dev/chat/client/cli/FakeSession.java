package dev.chat.client.cli;

import dev.chat.client.ChatException;
import dev.chat.client.ChatSession;
import dev.chat.client.DownloadHandle;
import dev.chat.client.DownloadListener;
import dev.chat.client.FakeDownload;
import dev.chat.client.FakeServer;
import dev.chat.client.TransferProtocol;
import dev.chat.client.WelcomeInfo;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.Sent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A {@link ChatSession} that records sends and downloads and answers from canned replies; sends
 * to a target without a canned reply succeed. Downloads are {@link FakeDownload}s the test drives.
 */
final class FakeSession implements ChatSession {
    final Queue<String> sends = new ConcurrentLinkedQueue<>();
    /** Each away asked for: the reason, or "(back)" for null. */
    final Queue<String> aways = new ConcurrentLinkedQueue<>();
    final Map<String, CompletableFuture<Sent>> replies = new ConcurrentHashMap<>();
    /** Each download started, with the directory it was to save into. */
    final Queue<Started> downloads = new ConcurrentLinkedQueue<>();
    volatile CompletableFuture<List<String>> users = CompletableFuture.completedFuture(List.of());
    volatile CompletableFuture<List<FileEntry>> files = CompletableFuture.completedFuture(List.of());

    record Started(FakeDownload download, Path directory) {
    }

    @Override
    public WelcomeInfo welcome() {
        return new WelcomeInfo("alice", List.of("alice"), "fake-chatd 0", 1, FakeServer.LIMITS);
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public CompletableFuture<Void> terminated() {
        return new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<Sent> send(String to, String text) {
        sends.add(to + ":" + text);
        return replies.getOrDefault(to, CompletableFuture.completedFuture(new Sent(1, to, 1, 0)));
    }

    /** Recorded as {@code to:* text}, so a test tells an action from a line. */
    @Override
    public CompletableFuture<Sent> sendAction(String to, String text) {
        sends.add(to + ":* " + text);
        return replies.getOrDefault(to, CompletableFuture.completedFuture(new Sent(1, to, 1, 0)));
    }

    @Override
    public CompletableFuture<Void> away(String reason) {
        aways.add(reason == null ? "(back)" : reason);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<String>> listUsers() {
        return users;
    }

    @Override
    public CompletableFuture<List<FileEntry>> listFiles() {
        return files;
    }

    @Override
    public DownloadHandle download(String fileName, TransferProtocol protocol, Path directory, DownloadListener listener) {
        FakeDownload download = new FakeDownload(fileName, protocol, listener);
        downloads.add(new Started(download, directory));
        return download;
    }

    /** Accounts are the daemon's; this fake has none (the loopback tests cover them). */
    @Override
    public CompletableFuture<Void> register(String password) {
        return CompletableFuture.failedFuture(new ChatException(ErrorCode.NOT_REGISTERED, "a fake session has no accounts"));
    }

    @Override
    public CompletableFuture<Void> changePassword(String old, String password) {
        return CompletableFuture.failedFuture(new ChatException(ErrorCode.NOT_REGISTERED, "a fake session has no accounts"));
    }

    @Override
    public CompletableFuture<List<dev.chat.wire.frame.Message>> history(Long before, Long after, int limit) {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletableFuture<Duration> ping() {
        return CompletableFuture.completedFuture(Duration.ZERO);
    }

    @Override
    public void close() {
    }
}
