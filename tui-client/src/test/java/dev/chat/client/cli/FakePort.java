package dev.chat.client.cli;

import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.Sent;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A {@link ChatPort} that records sends and answers from canned replies; unknown targets fail. */
final class FakePort implements ChatPort {
    final Queue<String> sends = new ConcurrentLinkedQueue<>();
    final Map<String, CompletableFuture<Sent>> replies = new ConcurrentHashMap<>();
    volatile CompletableFuture<List<String>> users = CompletableFuture.completedFuture(List.of());
    volatile CompletableFuture<List<FileEntry>> files = CompletableFuture.completedFuture(List.of());

    @Override
    public CompletableFuture<Sent> send(String to, String text) {
        sends.add(to + ":" + text);
        return replies.getOrDefault(to, CompletableFuture.completedFuture(new Sent(1, to, 1, 0)));
    }

    @Override
    public CompletableFuture<List<String>> listUsers() {
        return users;
    }

    @Override
    public CompletableFuture<List<FileEntry>> listFiles() {
        return files;
    }
}
