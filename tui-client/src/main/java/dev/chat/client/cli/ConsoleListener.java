package dev.chat.client.cli;

import dev.chat.client.ChatException;
import dev.chat.client.ChatListener;
import dev.chat.client.DisconnectedException;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;

import java.util.concurrent.CompletableFuture;

/**
 * Passes chat events to a {@link Reporter}, records messages for {@code /expect} and keeps the
 * {@link Directory} of users current. Called on the client's reader thread.
 * {@link #disconnected()} completes with the cause (null: closed by us).
 */
final class ConsoleListener implements ChatListener {
    private final Reporter reporter;
    private final MessageLog log;
    private final Directory directory;
    private final CompletableFuture<Throwable> disconnected = new CompletableFuture<>();

    ConsoleListener(Reporter reporter, MessageLog log, Directory directory) {
        this.reporter = reporter;
        this.log = log;
        this.directory = directory;
    }

    CompletableFuture<Throwable> disconnected() {
        return disconnected;
    }

    @Override
    public void onMessage(Message message) {
        log.add(message);
        reporter.message(message);
    }

    @Override
    public void onUserJoined(String name) {
        directory.joined(name);
        reporter.joined(name);
    }

    @Override
    public void onUserLeft(String name, LeaveReason reason) {
        directory.left(name);
        reporter.left(name, reason);
    }

    @Override
    public void onUserAway(String name, String reason) {
        reporter.userAway(name, reason);
    }

    @Override
    public void onShutdown(String message) {
        reporter.shutdown(message);
    }

    @Override
    public void onError(ChatException error) {
        reporter.serverError(Failure.of(error));
    }

    @Override
    public void onDisconnected(Throwable cause) {
        reporter.disconnected(cause);
        log.close(cause != null ? new DisconnectedException("disconnected: " + Failure.of(cause).message(), cause)
                : new DisconnectedException("the client is closed"));
        disconnected.complete(cause);
    }
}
