package dev.chat.client;

import dev.chat.wire.frame.TransferStats;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Hands the daemon's {@code transfer_stats} events to the download running that transfer. The
 * client's reader thread calls {@link #route}; downloads {@link #watch} from their own threads. Events
 * for a transfer nobody watches (finished, or another client library's) are ignored. Thread-safe.
 */
final class TransferStatsRouter {
    /** Stops a watch; idempotent. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<Long, Consumer<TransferStats>> watchers = new ConcurrentHashMap<>();

    /** From now until the watch is closed, {@code watcher} gets {@code transfer}'s events (on the reader thread: be quick). */
    Watch watch(long transfer, Consumer<TransferStats> watcher) {
        watchers.put(transfer, watcher);
        return () -> watchers.remove(transfer, watcher);
    }

    void route(TransferStats stats) {
        Consumer<TransferStats> watcher = watchers.get(stats.transfer());
        if (watcher != null) {
            watcher.accept(stats);
        }
    }
}
