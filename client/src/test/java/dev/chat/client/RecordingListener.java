package dev.chat.client;

import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Writes every event as a short line into a shared log, so tests can assert the order of events and replies. */
final class RecordingListener implements ChatListener {
    final Queue<String> log;
    final CompletableFuture<Throwable> disconnected = new CompletableFuture<>();
    final AtomicInteger disconnects = new AtomicInteger();

    RecordingListener() {
        this(new ConcurrentLinkedQueue<>());
    }

    RecordingListener(Queue<String> log) {
        this.log = log;
    }

    List<String> events() {
        return List.copyOf(log);
    }

    @Override
    public void onMessage(Message message) {
        log.add("message " + message.from() + "->" + message.to() + ": " + message.text());
    }

    @Override
    public void onUserJoined(String name) {
        log.add("joined " + name);
    }

    @Override
    public void onUserLeft(String name, LeaveReason reason) {
        log.add("left " + name + " (" + reason.text() + ")");
    }

    @Override
    public void onShutdown(String message) {
        log.add("shutdown " + message);
    }

    @Override
    public void onError(ChatException error) {
        log.add("error " + error.code() + ": " + error.getMessage());
    }

    @Override
    public void onDisconnected(Throwable cause) {
        disconnects.incrementAndGet();
        log.add("disconnected");
        disconnected.complete(cause);
    }
}
