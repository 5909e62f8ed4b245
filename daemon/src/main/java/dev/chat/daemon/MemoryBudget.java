package dev.chat.daemon;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The daemon's memory budget for undelivered frames: every connection's own queue plus the room
 * events that slow readers still hold. Queues add and release their bytes; paced senders ask
 * {@link #over()} before they queue more. Thread-safe.
 */
final class MemoryBudget {
    private final long limit;
    private final LongSupplier roomBytes;
    private final AtomicLong queued = new AtomicLong();

    /** @param roomBytes the room's retained bytes; called often, so it should be cheap (sampled) */
    MemoryBudget(long limit, LongSupplier roomBytes) {
        this.limit = limit;
        this.roomBytes = roomBytes;
    }

    /** A budget that is never over, for tests of one connection. */
    static MemoryBudget unlimited() {
        return new MemoryBudget(Long.MAX_VALUE, () -> 0);
    }

    void add(long bytes) {
        queued.addAndGet(bytes);
    }

    void release(long bytes) {
        queued.addAndGet(-bytes);
    }

    /** Bytes queued on connections (not counting the room). */
    long queuedBytes() {
        return queued.get();
    }

    boolean over() {
        return queued.get() + roomBytes.getAsLong() > limit;
    }
}
