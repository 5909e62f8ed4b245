package dev.chat.daemon.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A micro measurement, printed for docs/performance.md: the commit latency an idle store adds to a
 * {@code sent} reply, and how many messages per second group commit persists (fsync per group).
 * Bounded in count; the assertions are sanity floors, not targets.
 */
@Timeout(120)
class StoreThroughputTest {
    private static final String TEXT = "x".repeat(80);

    @TempDir
    Path dir;

    @Test
    void groupCommitPersistsThousandsOfMessagesPerSecondAndAnIdleAppendIsAcknowledgedInOneFsync() throws Exception {
        LongAdder commits = new LongAdder();
        CommitListener counting = (writes, nanos) -> commits.increment();
        try (SqliteStore store = SqliteStore.open(dir, StoreSettings.DEFAULTS, InstantSource.system(), counting)) {
            long[] micros = new long[200];
            for (int i = 0; i < micros.length; i++) {
                long start = System.nanoTime();
                store.appendRoom(message("idle", i + 1)).join();
                micros[i] = (System.nanoTime() - start) / 1000;
            }
            Arrays.sort(micros);
            System.out.printf("store commit latency, one append at a time (commit delay %d ms): p50 %.2f ms,"
                            + " p99 %.2f ms%n", StoreSettings.DEFAULTS.commitDelay().toMillis(),
                    micros[100] / 1000.0, micros[197] / 1000.0);

            int n = 100_000;
            Semaphore inFlight = new Semaphore(4096);
            commits.reset();
            long start = System.nanoTime();
            CompletableFuture<Void> last = null;
            for (int i = 1; i <= n; i++) {
                inFlight.acquire();
                last = store.appendRoom(message("load", i)).whenComplete((ok, e) -> inFlight.release());
            }
            last.join();
            inFlight.acquire(4096);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("store throughput: %d messages in %.2f s = %.0f messages/s, %d commits"
                    + " (%.0f messages per commit)%n", n, seconds, n / seconds, commits.sum(), (double) n / commits.sum());
            assertEquals(n, store.lastRoomId("load"));
            assertTrue(n / seconds > 1000, "at least a thousand messages a second");
            assertTrue(commits.sum() < n / 10, "group commit: far fewer commits than messages");
        }
    }

    private static RoomMessage message(String room, long id) {
        return new RoomMessage(room, id, "bench", TEXT, Instant.now());
    }
}
