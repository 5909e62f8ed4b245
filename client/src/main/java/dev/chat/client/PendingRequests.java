package dev.chat.client;

import dev.chat.wire.frame.ServerFrame;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Requests waiting for their reply, by id. Any thread registers; the reader thread offers replies
 * and errors; whoever ends the connection fails them all. A future leaves the map however it
 * completes (reply, error, timeout, cancel), so a late reply finds nothing and is ignored.
 */
final class PendingRequests {
    private final Map<Long, Pending<?>> byId = new ConcurrentHashMap<>();
    private volatile Throwable closedBy;

    private record Pending<T>(CompletableFuture<T> future, ReplyCollector<T> collector) {
        void offer(ServerFrame frame) {
            try {
                T result = collector.accept(frame);
                if (result != null) {
                    future.complete(result);
                }
            } catch (ChatException e) {
                future.completeExceptionally(e);
            }
        }
    }

    /**
     * Registers request {@code id}; its future fails with {@link java.util.concurrent.TimeoutException}
     * after {@code timeout}, and at once when the connection has already ended.
     */
    <T> CompletableFuture<T> register(long id, ReplyCollector<T> collector, Duration timeout) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Pending<T> pending = new Pending<>(future, collector);
        byId.put(id, pending);
        future.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((result, error) -> byId.remove(id, pending));
        // Checked after the put: either failAll sees this entry or this sees closedBy.
        Throwable closed = closedBy;
        if (closed != null) {
            future.completeExceptionally(closed);
        }
        return future;
    }

    /** Hands a reply frame to request {@code re}; ignored when no such request waits. */
    void offer(long re, ServerFrame reply) {
        Pending<?> pending = byId.get(re);
        if (pending != null) {
            pending.offer(reply);
        }
    }

    /** Fails request {@code re}; false when no such request waits. */
    boolean fail(long re, Throwable error) {
        Pending<?> pending = byId.get(re);
        return pending != null && pending.future().completeExceptionally(error);
    }

    /** Fails every waiting request and every later one with {@code error}. */
    void failAll(Throwable error) {
        closedBy = error;
        for (Pending<?> pending : byId.values()) {
            pending.future().completeExceptionally(error);
        }
    }

    int size() {
        return byId.size();
    }
}
