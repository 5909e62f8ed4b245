package dev.chat.client.cli;

import dev.chat.wire.frame.Message;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The chat messages this session has received, for {@code /expect}: a message that arrived before
 * the {@code /expect} counts. Keeps the latest {@link #CAPACITY} messages so a long session stays
 * bounded. Thread-safe: the client's reader thread adds, command threads await.
 */
final class MessageLog {
    static final int CAPACITY = 10_000;

    private final Deque<Message> messages = new ArrayDeque<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private Throwable closed;

    /** Called on the reader thread for every message; completes the waiters it satisfies. */
    void add(Message message) {
        List<Waiter> satisfied = new ArrayList<>();
        synchronized (this) {
            if (messages.size() == CAPACITY) {
                messages.removeFirst();
            }
            messages.addLast(message);
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter waiter = it.next();
                if (waiter.matches(message)) {
                    it.remove();
                    satisfied.add(waiter);
                }
            }
        }
        satisfied.forEach(waiter -> waiter.future.complete(message)); // outside the lock: callers may chain
    }

    /**
     * The first message received whose text contains {@code text}, at once if one already arrived.
     * Unbounded by itself: callers add their own timeout, and cancelling removes the waiter.
     */
    CompletableFuture<Message> awaitContaining(String text) {
        Waiter waiter = new Waiter(text, new CompletableFuture<>());
        synchronized (this) {
            for (Message message : messages) {
                if (waiter.matches(message)) {
                    return CompletableFuture.completedFuture(message);
                }
            }
            if (closed != null) {
                return CompletableFuture.failedFuture(closed);
            }
            waiters.add(waiter);
        }
        waiter.future.whenComplete((message, error) -> remove(waiter));
        return waiter.future;
    }

    /** The session ended: waiters fail with {@code cause}, as do later awaits that find nothing. */
    void close(Throwable cause) {
        List<Waiter> failed;
        synchronized (this) {
            closed = cause;
            failed = List.copyOf(waiters);
            waiters.clear();
        }
        failed.forEach(waiter -> waiter.future.completeExceptionally(cause));
    }

    private synchronized void remove(Waiter waiter) {
        waiters.remove(waiter);
    }

    private record Waiter(String text, CompletableFuture<Message> future) {
        boolean matches(Message message) {
            return message.text().contains(text);
        }
    }
}
