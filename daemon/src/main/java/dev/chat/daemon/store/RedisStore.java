package dev.chat.daemon.store;

import dev.chat.daemon.store.StoreException.Reason;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A {@link ChatStore} in Redis, for a clustered daemon: every node sees the same accounts and
 * history (key layout in {@link RedisKeys}, records in {@link RedisRecords}). A write is durable
 * when Redis acknowledged it: with {@code appendfsync always} on disk, with {@code everysec} at
 * most a second from it (docs/operations.md). Writes go, in call order, through one writer thread
 * with a bounded queue (a full one throws {@code OVERLOADED} at once); reads run on the calling
 * thread. A Redis that cannot be reached fails with {@link Reason#UNAVAILABLE}. Retention runs
 * every {@link #PRUNE_EVERY} on a background thread, from each node (idempotent).
 */
public final class RedisStore implements ChatStore {
    /** The one room; the cluster's scripts store its broadcasts here. */
    public static final String ROOM = "main";
    static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
    private static final System.Logger LOG = System.getLogger(RedisStore.class.getName());
    private static final int QUEUE = 16_384;
    private static final int PRUNE_BATCH = 1000;
    /** Entries read per step when a conversation is picked out of a user's private history. */
    private static final int SCAN = 1000;
    private static final int READERS = 32;

    private static final String APPEND_ROOM = RedisHistoryLua.FUNCTIONS + """
            if redis.call('ZCOUNT', KEYS[1], ARGV[1], ARGV[1]) > 0 then return redis.error_reply('DUPLICATE_ID') end
            store_room(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
            return 1
            """;
    /** KEYS: from, to, offline list, recipient's account. ARGV: id, ts, record, offline '1'/'0', most offline. */
    private static final String APPEND_PRIVATE = RedisHistoryLua.FUNCTIONS + """
            if ARGV[4] == '1' then
              if redis.call('EXISTS', KEYS[4]) == 0 then return redis.error_reply('NO_SUCH_ACCOUNT') end
              if redis.call('LLEN', KEYS[3]) >= tonumber(ARGV[5]) then return redis.error_reply('OFFLINE_FULL') end
            end
            if redis.call('ZCOUNT', KEYS[1], ARGV[1], ARGV[1]) > 0 then return redis.error_reply('DUPLICATE_ID') end
            store_private(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3])
            if ARGV[4] == '1' then redis.call('RPUSH', KEYS[3], ARGV[3]) end
            return 1
            """;
    private static final String TAKE_OFFLINE = """
            local all = redis.call('LRANGE', KEYS[1], 0, -1)
            redis.call('DEL', KEYS[1])
            return all
            """;
    /** KEYS: account, accounts. ARGV: display, hash, locked, created. */
    private static final String REGISTER = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return redis.error_reply('ALREADY_REGISTERED') end
            redis.call('HSET', KEYS[1], 'display', ARGV[1], 'hash', ARGV[2], 'locked', ARGV[3], 'created', ARGV[4])
            redis.call('SADD', KEYS[2], ARGV[5])
            return 1
            """;
    private static final String UPDATE = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return redis.error_reply('NO_SUCH_ACCOUNT') end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return 1
            """;

    private final UnifiedJedis redis;
    private final Retention retention;
    private final InstantSource clock;
    private final int maxOffline;
    private final ThreadPoolExecutor writer;
    private final java.util.concurrent.Semaphore readers = new java.util.concurrent.Semaphore(READERS);
    private final Thread pruner;
    private volatile boolean closed;

    public RedisStore(UnifiedJedis redis, Retention retention, InstantSource clock, int maxOfflinePerRecipient) {
        this.redis = redis;
        this.retention = retention;
        this.clock = clock;
        this.maxOffline = maxOfflinePerRecipient;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(QUEUE),
                Thread.ofVirtual().name("chatd-redis-store").factory());
        this.pruner = Thread.ofVirtual().name("chatd-redis-prune").start(this::pruneLoop);
    }

    // --- accounts

    @Override
    public CompletableFuture<Void> register(Account a) {
        return write(() -> redis.eval(REGISTER, List.of(RedisKeys.account(a.key()), RedisKeys.ACCOUNTS),
                List.of(a.displayName(), a.passwordHash(), a.locked() ? "1" : "0",
                        Long.toString(a.created().toEpochMilli()), a.key())));
    }

    @Override
    public Optional<Account> account(String key) {
        Map<String, String> f = read(() -> redis.hgetAll(RedisKeys.account(key)));
        if (f.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Account(key, f.get("display"), f.get("hash"), "1".equals(f.get("locked")),
                Instant.ofEpochMilli(Long.parseLong(f.get("created")))));
    }

    @Override
    public CompletableFuture<Void> changePassword(String key, String passwordHash) {
        return write(() -> redis.eval(UPDATE, List.of(RedisKeys.account(key)), List.of("hash", passwordHash)));
    }

    @Override
    public CompletableFuture<Void> setLocked(String key, boolean locked) {
        return write(() -> redis.eval(UPDATE, List.of(RedisKeys.account(key)), List.of("locked", locked ? "1" : "0")));
    }

    @Override
    public CompletableFuture<Boolean> deleteAccount(String key) {
        return submit(() -> {
            boolean existed = redis.del(RedisKeys.account(key)) > 0;
            redis.del(RedisKeys.offline(key));
            redis.srem(RedisKeys.ACCOUNTS, key);
            return existed;
        });
    }

    @Override
    public List<Account> accounts() {
        List<Account> all = new ArrayList<>();
        for (String key : new TreeSet<>(read(() -> redis.smembers(RedisKeys.ACCOUNTS)))) {
            account(key).ifPresent(all::add);
        }
        return all;
    }

    // --- history

    @Override
    public CompletableFuture<Void> appendRoom(RoomMessage m) {
        return write(() -> redis.eval(APPEND_ROOM, List.of(RedisKeys.room(m.room())),
                List.of(Long.toString(m.id()), Long.toString(m.time().toEpochMilli()), RedisRecords.room(m))));
    }

    @Override
    public CompletableFuture<Void> appendPrivate(PrivateMessage m) {
        return appendPrivate(m, false);
    }

    @Override
    public CompletableFuture<Void> storeOffline(PrivateMessage m) {
        return appendPrivate(m, true);
    }

    private CompletableFuture<Void> appendPrivate(PrivateMessage m, boolean offline) {
        return write(() -> redis.eval(APPEND_PRIVATE,
                List.of(RedisKeys.privates(m.fromKey()), RedisKeys.privates(m.toKey()), RedisKeys.offline(m.toKey()),
                        RedisKeys.account(m.toKey())),
                List.of(Long.toString(m.id()), Long.toString(m.time().toEpochMilli()), RedisRecords.privateMessage(m),
                        offline ? "1" : "0", Integer.toString(maxOffline))));
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<List<PrivateMessage>> takeOffline(String recipientKey) {
        return submit(() -> ((List<String>) redis.eval(TAKE_OFFLINE, List.of(RedisKeys.offline(recipientKey)), List.of()))
                .stream().map(RedisRecords::privateMessage).toList());
    }

    @Override
    public List<RoomMessage> lastRoom(String room, int limit) {
        return rooms(room, oldestFirst(read(() -> redis.zrevrange(RedisKeys.room(room), 0, limit - 1))));
    }

    @Override
    public List<RoomMessage> roomAfter(String room, long afterId, int limit) {
        return rooms(room, read(() -> redis.zrangeByScore(RedisKeys.room(room), "(" + afterId, "+inf", 0, limit)));
    }

    @Override
    public List<RoomMessage> roomBefore(String room, long beforeId, int limit) {
        return rooms(room, oldestFirst(read(() -> redis.zrevrangeByScore(RedisKeys.room(room), "(" + beforeId, "-inf",
                0, limit))));
    }

    @Override
    public long lastRoomId(String room) {
        List<RoomMessage> last = lastRoom(room, 1);
        return last.isEmpty() ? 0 : last.getFirst().id();
    }

    @Override
    public List<PrivateMessage> lastPrivates(String userKey, int limit) {
        return userPrivatesBefore(userKey, Long.MAX_VALUE, limit);
    }

    @Override
    public List<PrivateMessage> privatesAfter(Conversation c, long afterId, int limit) {
        List<PrivateMessage> out = new ArrayList<>();
        long from = afterId;
        while (out.size() < limit) {
            List<PrivateMessage> step = userPrivatesAfter(c.low(), from, SCAN);
            step.stream().filter(in(c)).limit(limit - out.size()).forEach(out::add);
            if (step.size() < SCAN) {
                break;
            }
            from = step.getLast().id();
        }
        return out;
    }

    @Override
    public List<PrivateMessage> privatesBefore(Conversation c, long beforeId, int limit) {
        List<PrivateMessage> out = new ArrayList<>();
        long before = beforeId;
        while (out.size() < limit) {
            List<PrivateMessage> step = userPrivatesBefore(c.low(), before, SCAN);
            List<PrivateMessage> mine = step.stream().filter(in(c)).toList();
            out.addAll(0, mine.subList(Math.max(0, mine.size() - (limit - out.size())), mine.size()));
            if (step.size() < SCAN) {
                break;
            }
            before = step.getFirst().id();
        }
        return out;
    }

    @Override
    public long lastPrivateId(Conversation conversation) {
        List<PrivateMessage> last = privatesBefore(conversation, Long.MAX_VALUE, 1);
        return last.isEmpty() ? 0 : last.getFirst().id();
    }

    @Override
    public long lastMessageId() {
        String seq = read(() -> redis.get(RedisKeys.SEQUENCE));
        return seq == null ? 0 : Long.parseLong(seq);
    }

    @Override
    public List<PrivateMessage> userPrivatesAfter(String userKey, long afterId, int limit) {
        return privates(read(() -> redis.zrangeByScore(RedisKeys.privates(userKey), "(" + afterId, "+inf", 0, limit)));
    }

    @Override
    public List<PrivateMessage> userPrivatesBefore(String userKey, long beforeId, int limit) {
        String below = beforeId == Long.MAX_VALUE ? "+inf" : "(" + beforeId;
        return privates(oldestFirst(read(() -> redis.zrevrangeByScore(RedisKeys.privates(userKey), below, "-inf", 0, limit))));
    }

    // --- retention

    @Override
    public CompletableFuture<Long> prune() {
        return submit(this::pruneNow);
    }

    private long pruneNow() {
        long cutoff = clock.instant().minus(retention.maxAge()).toEpochMilli();
        long total = 0;
        long removed;
        do {
            removed = (Long) redis.eval(RedisHistoryLua.PRUNE, List.of(RedisKeys.BY_ID, RedisKeys.BY_TIME),
                    List.of(Long.toString(cutoff), Long.toString(retention.maxMessages()), Integer.toString(PRUNE_BATCH)));
            total += removed;
        } while (removed == PRUNE_BATCH);
        return total;
    }

    private void pruneLoop() {
        while (!closed) {
            try {
                Thread.sleep(PRUNE_EVERY);
                long removed = pruneNow();
                if (removed > 0) {
                    LOG.log(Level.DEBUG, () -> "pruned " + removed + " messages");
                }
            } catch (InterruptedException e) {
                return;
            } catch (JedisException e) {
                LOG.log(Level.DEBUG, () -> "retention skipped: " + e);
            }
        }
    }

    /** Waits for queued writes (a few seconds at most); the connection pool is the cluster's to close. */
    @Override
    public void close() {
        closed = true;
        pruner.interrupt();
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- plumbing

    private static Predicate<PrivateMessage> in(Conversation c) {
        return m -> m.conversation().equals(c);
    }

    private static List<String> oldestFirst(List<String> newestFirst) {
        List<String> copy = new ArrayList<>(newestFirst);
        Collections.reverse(copy);
        return copy;
    }

    private static List<RoomMessage> rooms(String room, List<String> records) {
        return records.stream().map(r -> RedisRecords.room(room, r)).toList();
    }

    private static List<PrivateMessage> privates(List<String> records) {
        return records.stream().map(RedisRecords::privateMessage).toList();
    }

    private CompletableFuture<Void> write(Runnable command) {
        return submit(() -> {
            command.run();
            return null;
        });
    }

    private <T> CompletableFuture<T> submit(Supplier<T> command) {
        if (closed) {
            throw new StoreException(Reason.CLOSED, "the store is closed");
        }
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            writer.execute(() -> {
                try {
                    future.complete(command.get());
                } catch (JedisDataException e) {
                    future.completeExceptionally(scriptError(e));
                } catch (JedisException e) {
                    future.completeExceptionally(new StoreException(Reason.UNAVAILABLE, "Redis cannot be reached", e));
                } catch (RuntimeException e) {
                    future.completeExceptionally(new StoreException(Reason.FAILED, "the write failed", e));
                }
            });
        } catch (RejectedExecutionException e) {
            throw new StoreException(Reason.OVERLOADED, "the Redis write queue is full");
        }
        return future;
    }

    private static StoreException scriptError(JedisDataException e) {
        String message = String.valueOf(e.getMessage());
        for (Reason reason : List.of(Reason.DUPLICATE_ID, Reason.NO_SUCH_ACCOUNT, Reason.OFFLINE_FULL,
                Reason.ALREADY_REGISTERED)) {
            if (message.contains(reason.name())) {
                return new StoreException(reason, message, e);
            }
        }
        boolean transient_ = message.startsWith("LOADING") || message.startsWith("BUSY") || message.startsWith("OOM");
        return new StoreException(transient_ ? Reason.UNAVAILABLE : Reason.FAILED, message, e);
    }

    /** On the caller's thread, at most {@link #READERS} at once (the pool itself is not capped). */
    private <T> T read(Supplier<T> command) {
        try {
            if (!readers.tryAcquire(2, TimeUnit.SECONDS)) {
                throw new StoreException(Reason.OVERLOADED, "too many reads at once");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(Reason.CLOSED, "interrupted");
        }
        try {
            return command.get();
        } catch (JedisException e) {
            throw new StoreException(Reason.UNAVAILABLE, "Redis cannot be reached", e);
        } finally {
            readers.release();
        }
    }
}
