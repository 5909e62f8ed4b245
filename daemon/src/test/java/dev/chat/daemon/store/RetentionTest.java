package dev.chat.daemon.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetentionTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void messagesOlderThanTheAgeLimitArePrunedRoomAndPrivate() {
        MutableClock clock = new MutableClock(T0);
        StoreSettings settings = StoreSettings.DEFAULTS.withRetention(new Retention(Duration.ofDays(30), 1000));
        try (SqliteStore store = SqliteStore.open(dir, settings, clock, CommitListener.NONE)) {
            for (int day = 0; day < 40; day++) {
                Instant t = T0.plus(Duration.ofDays(day));
                store.appendRoom(new RoomMessage("lobby", day + 1, "ann", "day " + day, t));
                store.appendPrivate(new PrivateMessage(day + 1, "ann", "bob", "ann", "bob", "dm " + day, t));
            }
            clock.advance(Duration.ofDays(40));
            assertEquals(2 * 10, store.prune().join(), "days 0..9 are more than 30 days old on day 40");
            assertEquals(11, store.roomAfter("lobby", 0, 100).getFirst().id());
            assertEquals(30, store.privatesAfter(Conversation.of("ann", "bob"), 0, 100).size());
            assertEquals(0, store.prune().join());
        }
    }

    @Test
    void theOldestMessagesBeyondTheCountLimitArePrunedAcrossRoomsAndConversations() {
        StoreSettings settings = StoreSettings.DEFAULTS.withRetention(new Retention(Duration.ofDays(3650), 25));
        try (SqliteStore store = SqliteStore.open(dir, settings, new MutableClock(T0), CommitListener.NONE)) {
            CompletableFuture<?> last = null;
            for (int i = 1; i <= 20; i++) {
                store.appendRoom(new RoomMessage("lobby", i, "ann", "r" + i, T0.plusSeconds(2L * i)));
                last = store.appendPrivate(new PrivateMessage(i, "ann", "bob", "ann", "bob", "p" + i,
                        T0.plusSeconds(2L * i + 1)));
            }
            last.join();
            assertEquals(15, store.prune().join());
            // 40 messages alternate room, private by time; the 15 oldest are r1..r8 and p1..p7.
            assertEquals(9, store.roomAfter("lobby", 0, 100).getFirst().id());
            assertEquals(8, store.privatesAfter(Conversation.of("ann", "bob"), 0, 100).getFirst().id());
            assertEquals(25, store.roomAfter("lobby", 0, 100).size()
                    + store.privatesAfter(Conversation.of("ann", "bob"), 0, 100).size());
        }
    }

    @Test
    void messagesWithTheSameTimestampArePrunedExactlyToTheLimit() {
        StoreSettings settings = StoreSettings.DEFAULTS.withRetention(new Retention(Duration.ofDays(3650), 7));
        try (SqliteStore store = SqliteStore.open(dir, settings, new MutableClock(T0), CommitListener.NONE)) {
            CompletableFuture<?> last = null;
            for (int i = 1; i <= 10; i++) {
                last = store.appendRoom(new RoomMessage("lobby", i, "ann", "same ms", T0));
            }
            last.join();
            assertEquals(3, store.prune().join());
            assertEquals(4, store.roomAfter("lobby", 0, 100).getFirst().id());
        }
    }
}
