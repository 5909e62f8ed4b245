package dev.chat.client;

import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that keeps every event as a readable line, for assertions on what a user saw. */
final class EventLog implements ChatListener {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<Message> messages = new CopyOnWriteArrayList<>();
    volatile Throwable disconnectCause;
    volatile boolean disconnected;

    @Override
    public void onMessage(Message message) {
        messages.add(message);
        lines.add(message.from() + " -> " + message.to() + ": " + message.text());
    }

    @Override
    public void onUserJoined(String name) {
        lines.add("joined " + name);
    }

    @Override
    public void onUserLeft(String name, LeaveReason reason) {
        lines.add("left " + name + " (" + reason.text() + ")");
    }

    @Override
    public void onShutdown(String message) {
        lines.add("shutdown");
    }

    @Override
    public void onDisconnected(Throwable cause) {
        disconnectCause = cause;
        disconnected = true;
    }
}
