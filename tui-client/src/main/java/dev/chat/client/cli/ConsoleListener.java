package dev.chat.client.cli;

import dev.chat.client.ChatException;
import dev.chat.client.ChatListener;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;

import java.util.concurrent.CompletableFuture;

/** Prints chat events as console lines; {@link #disconnected()} completes with the cause (null: closed by us). */
final class ConsoleListener implements ChatListener {
    private final Output out;
    private final EventFormatter format;
    private final CompletableFuture<Throwable> disconnected = new CompletableFuture<>();

    ConsoleListener(Output out, EventFormatter format) {
        this.out = out;
        this.format = format;
    }

    CompletableFuture<Throwable> disconnected() {
        return disconnected;
    }

    @Override
    public void onMessage(Message message) {
        out.println(format.message(message));
    }

    @Override
    public void onUserJoined(String name) {
        out.println(format.joined(name));
    }

    @Override
    public void onUserLeft(String name, LeaveReason reason) {
        out.println(format.left(name, reason));
    }

    @Override
    public void onShutdown(String message) {
        out.println(format.shutdown(message));
    }

    @Override
    public void onError(ChatException error) {
        out.println(format.failure(error));
    }

    @Override
    public void onDisconnected(Throwable cause) {
        if (cause != null) {
            out.println(format.disconnected(cause));
        }
        disconnected.complete(cause);
    }
}
