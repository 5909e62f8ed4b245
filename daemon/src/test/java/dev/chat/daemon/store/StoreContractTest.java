package dev.chat.daemon.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What the daemon relies on, held by every store alike: the in-memory one, SQLite and Redis (the
 * cluster's; against a real redis-server, skipped when it is not installed).
 */
class StoreContractTest {
    private static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");

    @TempDir
    Path dir;

    private RedisServer redisServer;
    private RedisClient redis;

    private ChatStore open(String kind, Retention retention) throws Exception {
        InstantSource clock = InstantSource.fixed(T0.plusSeconds(3600));
        return switch (kind) {
            case "memory" -> new MemoryStore(retention, clock, 2);
            case "sqlite" -> SqliteStore.open(dir, StoreSettings.DEFAULTS.withRetention(retention)
                    .withMaxOfflinePerRecipient(2), clock, CommitListener.NONE);
            default -> {
                redisServer = RedisServer.start(dir, false);
                redis = RedisClient.create("127.0.0.1", redisServer.port());
                yield new RedisStore(redis, retention, clock, 2);
            }
        };
    }

    @AfterEach
    void stopRedis() throws InterruptedException {
        if (redis != null) {
            redis.close();
        }
        if (redisServer != null) {
            redisServer.close();
        }
    }

    private static PrivateMessage dm(long id, String from, String to) {
        return new PrivateMessage(id, from, to, from, to, "m" + id, T0.plusSeconds(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite", "redis"})
    void aUsersPrivatesArePagedByIdOverAllItsConversationsAndTheLastIdCoversBothKinds(String kind) throws Exception {
        try (ChatStore store = open(kind, Retention.DEFAULTS)) {
            store.appendRoom(new RoomMessage("main", 1, "bob", "r1", T0)).join();
            store.appendPrivate(dm(2, "bob", "alice")).join();
            store.appendPrivate(dm(3, "carol", "dave")).join();
            store.appendPrivate(dm(4, "alice", "carol")).join();
            store.appendPrivate(dm(5, "alice", "alice")).join();
            assertEquals(5, store.lastMessageId());
            assertEquals(List.of(2L, 4L, 5L), ids(store.userPrivatesAfter("alice", 0, 10)));
            assertEquals(List.of(4L), ids(store.userPrivatesAfter("alice", 2, 1)));
            assertEquals(List.of(2L, 4L), ids(store.userPrivatesBefore("alice", 5, 10)));
            assertEquals(List.of(4L), ids(store.userPrivatesBefore("alice", 5, 1)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite", "redis"})
    void offlineMessagesNeedAnAccountAreBoundedAndAreTakenOnce(String kind) throws Exception {
        try (ChatStore store = open(kind, Retention.DEFAULTS)) {
            store.register(new Account("carol", "carol", "$argon2id$x", false, T0)).join();
            CompletionException nobody = assertThrows(CompletionException.class,
                    () -> store.storeOffline(dm(1, "bob", "dave")).join());
            assertEquals(StoreException.Reason.NO_SUCH_ACCOUNT, assertInstanceOf(StoreException.class, nobody.getCause()).reason());
            store.storeOffline(dm(2, "bob", "carol")).join();
            store.storeOffline(dm(3, "bob", "carol")).join();
            CompletionException full = assertThrows(CompletionException.class,
                    () -> store.storeOffline(dm(4, "bob", "carol")).join());
            assertEquals(StoreException.Reason.OFFLINE_FULL, assertInstanceOf(StoreException.class, full.getCause()).reason());
            assertEquals(List.of(2L, 3L), ids(store.takeOffline("carol").join()));
            assertEquals(List.of(), store.takeOffline("carol").join());
            assertEquals(List.of(2L, 3L), ids(store.userPrivatesAfter("carol", 0, 10)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite", "redis"})
    void pruningKeepsTheNewestWithinTheCountAndTheAge(String kind) throws Exception {
        try (ChatStore store = open(kind, new Retention(Duration.ofHours(2), 3))) {
            for (int id = 1; id <= 5; id++) {
                store.appendRoom(new RoomMessage("main", id, "bob", "r" + id, T0.plusSeconds(id * 60L))).join();
            }
            store.prune().join();
            assertEquals(List.of(3L, 4L, 5L), store.lastRoom("main", 10).stream().map(RoomMessage::id).toList());
            store.appendRoom(new RoomMessage("main", 6, "bob", "old", T0.minus(Duration.ofHours(2)))).join();
            store.prune().join();
            assertEquals(List.of(3L, 4L, 5L), store.lastRoom("main", 10).stream().map(RoomMessage::id).toList());
        }
    }

    private static List<Long> ids(List<PrivateMessage> messages) {
        return messages.stream().map(PrivateMessage::id).toList();
    }
}
