package dev.chat.daemon.store;

import java.time.Duration;

/**
 * How {@link SqliteStore} batches and bounds its work.
 *
 * @param retention              what history is kept
 * @param queueCapacity          writes queued before appends are refused with {@code OVERLOADED}
 * @param maxBatch               writes per transaction at most
 * @param commitDelay            how long a group waits for more writes after its first (0: none)
 * @param pruneInterval          how often retention runs in the background
 * @param maxOfflinePerRecipient undelivered offline messages one user may have waiting
 * @param readers                read connections (reads run in parallel with the writer in WAL mode)
 */
public record StoreSettings(Retention retention, int queueCapacity, int maxBatch, Duration commitDelay,
                            Duration pruneInterval, int maxOfflinePerRecipient, int readers) {
    public static final StoreSettings DEFAULTS = new StoreSettings(Retention.DEFAULTS, 16_384, 1024,
            Duration.ofMillis(2), Duration.ofMinutes(1), 1000, 2);

    public StoreSettings {
        if (retention == null || commitDelay == null || commitDelay.isNegative()
                || pruneInterval == null || pruneInterval.isNegative() || pruneInterval.isZero()) {
            throw new IllegalArgumentException("retention, commit delay and prune interval are required");
        }
        if (queueCapacity < 1 || maxBatch < 1 || maxOfflinePerRecipient < 1 || readers < 1) {
            throw new IllegalArgumentException("store bounds must be at least 1");
        }
    }

    public StoreSettings withRetention(Retention value) {
        return new StoreSettings(value, queueCapacity, maxBatch, commitDelay, pruneInterval,
                maxOfflinePerRecipient, readers);
    }

    public StoreSettings withBatching(int queue, int batch, Duration delay) {
        return new StoreSettings(retention, queue, batch, delay, pruneInterval, maxOfflinePerRecipient, readers);
    }

    public StoreSettings withMaxOfflinePerRecipient(int value) {
        return new StoreSettings(retention, queueCapacity, maxBatch, commitDelay, pruneInterval, value, readers);
    }
}
