package dev.chat.daemon.store;

import dev.chat.daemon.store.StoreException.Reason;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * A {@link ChatStore} in memory, for a daemon without a data folder (tests, embedded daemons):
 * the same contract as {@link SqliteStore} (ids unique per room and conversation, offline
 * messages, retention) but nothing survives the process, so every write is "durable" as soon as it
 * is applied and its future is already complete. Chosen over SQLite's {@code :memory:} because that
 * is one database per connection (the store's readers would not see its writer) and because tests
 * start hundreds of daemons: no native library, no files. Thread-safe: one lock, short sections.
 * Both bounds are applied by {@link #prune}; appends trim only once a tenth over the count bound.
 */
public final class MemoryStore implements ChatStore {
    private record Key(String low, String high, long id) {
    }

    private static final Comparator<PrivateMessage> BY_ID = Comparator.comparingLong(PrivateMessage::id);

    private final Retention retention;
    private final InstantSource clock;
    private final int maxOffline;
    private final Map<String, Account> accounts = new TreeMap<>();
    private final Map<String, TreeMap<Long, RoomMessage>> rooms = new HashMap<>();
    private final Map<Key, PrivateMessage> privates = new HashMap<>();
    private final Map<Key, Boolean> pending = new HashMap<>();
    private boolean closed;

    public MemoryStore(Retention retention, InstantSource clock, int maxOfflinePerRecipient) {
        this.retention = retention;
        this.clock = clock;
        this.maxOffline = maxOfflinePerRecipient;
    }

    public MemoryStore() {
        this(Retention.DEFAULTS, InstantSource.system(), StoreSettings.DEFAULTS.maxOfflinePerRecipient());
    }

    @Override
    public synchronized CompletableFuture<Void> register(Account account) {
        return write(() -> {
            if (accounts.putIfAbsent(account.key(), account) != null) {
                throw new StoreException(Reason.ALREADY_REGISTERED, "the name " + account.key() + " is registered");
            }
            return null;
        });
    }

    @Override
    public synchronized Optional<Account> account(String key) {
        open();
        return Optional.ofNullable(accounts.get(key));
    }

    @Override
    public synchronized CompletableFuture<Void> changePassword(String key, String passwordHash) {
        return write(() -> {
            Account a = existing(key);
            accounts.put(key, new Account(key, a.displayName(), passwordHash, a.locked(), a.created()));
            return null;
        });
    }

    @Override
    public synchronized CompletableFuture<Void> setLocked(String key, boolean locked) {
        return write(() -> {
            Account a = existing(key);
            accounts.put(key, new Account(key, a.displayName(), a.passwordHash(), locked, a.created()));
            return null;
        });
    }

    @Override
    public synchronized CompletableFuture<Boolean> deleteAccount(String key) {
        return write(() -> {
            pending.keySet().removeIf(k -> privates.get(k).toKey().equals(key));
            return accounts.remove(key) != null;
        });
    }

    @Override
    public synchronized List<Account> accounts() {
        open();
        return List.copyOf(accounts.values());
    }

    @Override
    public synchronized CompletableFuture<Void> appendRoom(RoomMessage message) {
        return write(() -> {
            TreeMap<Long, RoomMessage> room = rooms.computeIfAbsent(message.room(), r -> new TreeMap<>());
            if (room.putIfAbsent(message.id(), message) != null) {
                throw new StoreException(Reason.DUPLICATE_ID, "room " + message.room() + " already has message " + message.id());
            }
            trimLazily();
            return null;
        });
    }

    @Override
    public synchronized CompletableFuture<Void> appendPrivate(PrivateMessage message) {
        return write(() -> {
            insert(message);
            return null;
        });
    }

    @Override
    public synchronized CompletableFuture<Void> storeOffline(PrivateMessage message) {
        return write(() -> {
            if (!accounts.containsKey(message.toKey())) {
                throw new StoreException(Reason.NO_SUCH_ACCOUNT, "no account " + message.toKey() + " to keep messages for");
            }
            long waiting = pending.keySet().stream().filter(k -> privates.get(k).toKey().equals(message.toKey())).count();
            if (waiting >= maxOffline) {
                throw new StoreException(Reason.OFFLINE_FULL, message.toKey() + " has " + maxOffline
                        + " offline messages waiting already");
            }
            pending.put(insert(message), true);
            return null;
        });
    }

    @Override
    public synchronized CompletableFuture<List<PrivateMessage>> takeOffline(String recipientKey) {
        return write(() -> {
            List<PrivateMessage> out = new ArrayList<>();
            for (Iterator<Key> it = pending.keySet().iterator(); it.hasNext(); ) {
                PrivateMessage m = privates.get(it.next());
                if (m.toKey().equals(recipientKey)) {
                    out.add(m);
                    it.remove();
                }
            }
            out.sort(Comparator.comparing(PrivateMessage::time).thenComparing(BY_ID));
            return out;
        });
    }

    @Override
    public synchronized List<RoomMessage> lastRoom(String room, int limit) {
        return roomBefore(room, Long.MAX_VALUE, limit);
    }

    @Override
    public synchronized List<RoomMessage> roomAfter(String room, long afterId, int limit) {
        open();
        return rooms.getOrDefault(room, new TreeMap<>()).tailMap(afterId, false).values().stream()
                .limit(checked(limit)).toList();
    }

    @Override
    public synchronized List<RoomMessage> roomBefore(String room, long beforeId, int limit) {
        open();
        List<RoomMessage> newest = rooms.getOrDefault(room, new TreeMap<>()).headMap(beforeId, false)
                .descendingMap().values().stream().limit(checked(limit)).toList();
        return newest.reversed();
    }

    @Override
    public synchronized long lastRoomId(String room) {
        open();
        TreeMap<Long, RoomMessage> messages = rooms.get(room);
        return messages == null || messages.isEmpty() ? 0 : messages.lastKey();
    }

    @Override
    public synchronized List<PrivateMessage> lastPrivates(String userKey, int limit) {
        open();
        List<PrivateMessage> newest = privates.values().stream().filter(m -> m.conversation().involves(userKey))
                .sorted(Comparator.comparing(PrivateMessage::time).thenComparing(BY_ID).reversed())
                .limit(checked(limit)).toList();
        return newest.reversed();
    }

    @Override
    public synchronized List<PrivateMessage> privatesAfter(Conversation conversation, long afterId, int limit) {
        return select(m -> m.conversation().equals(conversation) && m.id() > afterId, limit, false);
    }

    @Override
    public synchronized List<PrivateMessage> privatesBefore(Conversation conversation, long beforeId, int limit) {
        return select(m -> m.conversation().equals(conversation) && m.id() < beforeId, limit, true);
    }

    @Override
    public synchronized long lastPrivateId(Conversation conversation) {
        open();
        return privates.values().stream().filter(m -> m.conversation().equals(conversation))
                .mapToLong(PrivateMessage::id).max().orElse(0);
    }

    @Override
    public synchronized long lastMessageId() {
        open();
        long room = rooms.values().stream().filter(r -> !r.isEmpty()).mapToLong(TreeMap::lastKey).max().orElse(0);
        return Math.max(room, privates.keySet().stream().mapToLong(Key::id).max().orElse(0));
    }

    @Override
    public synchronized List<PrivateMessage> userPrivatesAfter(String userKey, long afterId, int limit) {
        return select(m -> m.conversation().involves(userKey) && m.id() > afterId, limit, false);
    }

    @Override
    public synchronized List<PrivateMessage> userPrivatesBefore(String userKey, long beforeId, int limit) {
        return select(m -> m.conversation().involves(userKey) && m.id() < beforeId, limit, true);
    }

    @Override
    public synchronized CompletableFuture<Long> prune() {
        return write(() -> {
            long before = count();
            var cutoff = clock.instant().minus(retention.maxAge());
            rooms.values().forEach(r -> r.values().removeIf(m -> m.time().isBefore(cutoff)));
            privates.entrySet().removeIf(e -> e.getValue().time().isBefore(cutoff));
            pending.keySet().retainAll(privates.keySet()); // as in SQLite: a waiting message ages out too
            trim();
            return before - count();
        });
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private Key insert(PrivateMessage m) {
        Conversation c = m.conversation();
        Key key = new Key(c.low(), c.high(), m.id());
        if (privates.putIfAbsent(key, m) != null) {
            throw new StoreException(Reason.DUPLICATE_ID, "the conversation already has message " + m.id());
        }
        trimLazily();
        return key;
    }

    /**
     * Drops the oldest messages (room or private, by time) beyond the count bound. On an append it
     * runs only once the count is a tenth over the bound, so its sort is paid rarely; {@link #prune}
     * trims exactly.
     */
    private void trimLazily() {
        long bound = retention.maxMessages();
        if (count() > bound + Math.max(16, bound / 10)) {
            trim();
        }
    }

    private void trim() {
        long excess = count() - retention.maxMessages();
        if (excess <= 0) {
            return;
        }
        record Aged(Instant time, Runnable remove) {
        }
        List<Aged> all = new ArrayList<>();
        rooms.values().forEach(r -> r.values().forEach(m -> all.add(new Aged(m.time(), () -> r.remove(m.id())))));
        privates.forEach((k, m) -> all.add(new Aged(m.time(), () -> {
            privates.remove(k);
            pending.remove(k);
        })));
        all.sort(Comparator.comparing(Aged::time));
        all.subList(0, (int) excess).forEach(a -> a.remove().run());
    }

    private long count() {
        return rooms.values().stream().mapToLong(TreeMap::size).sum() + privates.size();
    }

    private List<PrivateMessage> select(Predicate<PrivateMessage> which, int limit, boolean newest) {
        open();
        Comparator<PrivateMessage> order = newest ? BY_ID.reversed() : BY_ID;
        List<PrivateMessage> out = privates.values().stream().filter(which).sorted(order).limit(checked(limit)).toList();
        return newest ? out.reversed() : out;
    }

    private Account existing(String key) {
        Account a = accounts.get(key);
        if (a == null) {
            throw new StoreException(Reason.NO_SUCH_ACCOUNT, "no account " + key);
        }
        return a;
    }

    private interface Write<T> {
        T apply();
    }

    private <T> CompletableFuture<T> write(Write<T> body) {
        if (closed) {
            return CompletableFuture.failedFuture(new StoreException(Reason.CLOSED, "the store is closed"));
        }
        try {
            return CompletableFuture.completedFuture(body.apply());
        } catch (StoreException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void open() {
        if (closed) {
            throw new StoreException(Reason.CLOSED, "the store is closed");
        }
    }

    private static int checked(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE + ", not " + limit);
        }
        return limit;
    }
}
