package dev.chat.daemon;

import dev.chat.daemon.store.ChatStore;
import dev.chat.daemon.store.PrivateMessage;
import dev.chat.daemon.store.RoomMessage;
import dev.chat.daemon.store.StoreException;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.Names;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.HistoryRequest;
import dev.chat.wire.frame.Message;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The chat's history over a {@link ChatStore}: one daemon-wide sequence of message ids, the
 * appends still on their way to disk, and the replays a session gets (on join, on resume, on a
 * {@code history} request).
 *
 * <p><b>One sequence.</b> Every broadcast and every private message takes the next id of one
 * counter, so ids grow per room and per conversation (as the store requires) and a client needs
 * one {@code last_seen} for all of them. The counter continues after the store's highest id.
 *
 * <p><b>No gap at a join.</b> Ids are assigned and their appends submitted under the registry's
 * lock, in the same section that puts the message into the room or picks its recipient. A joiner
 * registers under that lock too and takes a {@link #barrier()}: every append submitted before it.
 * Once those are durable, the store holds every message up to the joiner's {@code upTo} id, and
 * every later one reaches the joiner live: a replay of the store up to {@code upTo} then the live
 * stream has no gap and no duplicate.
 *
 * <p>Threads: {@link #nextId} and the appends under the registry lock (they never block: a full
 * write queue throws); the reads on a session's reader thread.
 */
final class History {
    /** The one room there is. */
    static final String ROOM = "main";
    private static final System.Logger LOG = System.getLogger(History.class.getName());
    private static final long BARRIER_SECONDS = 5;

    private final ChatStore store;
    private final int onJoin;
    private final AtomicLong lastId;
    private final Set<CompletableFuture<Void>> inFlight = ConcurrentHashMap.newKeySet();

    /** @param onJoin room messages, and separately own private messages, replayed on a fresh join */
    History(ChatStore store, int onJoin) {
        this.store = store;
        this.onJoin = onJoin;
        this.lastId = new AtomicLong(store.lastMessageId());
    }

    ChatStore store() {
        return store;
    }

    /** The next message id. Under the registry lock, so ids follow the room's order. */
    long nextId() {
        return lastId.incrementAndGet();
    }

    /** The highest id assigned so far. */
    long lastId() {
        return lastId.get();
    }

    CompletableFuture<Void> appendRoom(RoomMessage message, long re) {
        return track(() -> store.appendRoom(message), re);
    }

    CompletableFuture<Void> appendPrivate(PrivateMessage message, long re) {
        return track(() -> store.appendPrivate(message), re);
    }

    CompletableFuture<Void> storeOffline(PrivateMessage message, long re) {
        return track(() -> store.storeOffline(message), re);
    }

    /** Completes once every append submitted before this call has finished (durable or failed). */
    CompletableFuture<Void> barrier() {
        CompletableFuture<?>[] pending = inFlight.toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(pending).exceptionally(e -> null);
    }

    /**
     * What a joiner missed, oldest first and marked history: after {@code lastSeen} (a resume: every
     * message up to {@code upTo}, at most {@link ChatStore#MAX_PAGE} of each kind, the newest), or
     * else the last {@code onJoin} room messages and own private messages. Private messages pass
     * {@code visible} only (a guest does not see an earlier guest's conversations under its name).
     * Waits for {@code barrier} first, at most a few seconds.
     */
    List<Message> replay(String key, Long lastSeen, long upTo, CompletableFuture<Void> barrier,
                         Predicate<PrivateMessage> visible, List<PrivateMessage> offline) {
        await(barrier);
        boolean resume = lastSeen != null && lastSeen <= upTo;
        long after = resume ? lastSeen : 0;
        int limit = resume ? ChatStore.MAX_PAGE : onJoin;
        TreeMap<Long, Message> out = new TreeMap<>();
        if (limit > 0) {
            for (RoomMessage m : store.roomBefore(ROOM, upTo + 1, limit)) {
                if (m.id() > after) {
                    out.put(m.id(), message(m));
                }
            }
            for (PrivateMessage m : store.userPrivatesBefore(key, upTo + 1, limit)) {
                if (m.id() > after && visible.test(m)) {
                    out.put(m.id(), message(m));
                }
            }
        }
        for (PrivateMessage m : offline) {
            out.put(m.id(), message(m));
        }
        return List.copyOf(out.values());
    }

    /** The messages a {@code history} request asks for, oldest first. */
    List<Message> page(HistoryRequest request, String key, Predicate<PrivateMessage> visible) {
        int limit = request.limit();
        List<Message> merged = new ArrayList<>();
        try {
            if (request.after() != null) {
                store.roomAfter(ROOM, request.after(), limit).forEach(m -> merged.add(message(m)));
                store.userPrivatesAfter(key, request.after(), limit).stream().filter(visible)
                        .forEach(m -> merged.add(message(m)));
            } else {
                long before = request.before() == null ? Long.MAX_VALUE : request.before();
                store.roomBefore(ROOM, before, limit).forEach(m -> merged.add(message(m)));
                store.userPrivatesBefore(key, before, limit).stream().filter(visible)
                        .forEach(m -> merged.add(message(m)));
            }
        } catch (StoreException e) {
            throw new ProtocolException(ErrorCode.STORE_FAILED, "the history cannot be read now", request.id());
        }
        merged.sort(Comparator.comparingLong(Message::idOrZero));
        if (merged.size() <= limit) {
            return merged;
        }
        return request.after() != null ? merged.subList(0, limit) : merged.subList(merged.size() - limit, merged.size());
    }

    static Message message(RoomMessage m) {
        return new Message(m.sender(), Names.ALL, m.text(), m.time().toEpochMilli(), m.id(), true);
    }

    static Message message(PrivateMessage m) {
        return new Message(m.fromName(), m.toName(), m.text(), m.time().toEpochMilli(), m.id(), true);
    }

    /** Submits a write and remembers it until it finishes; a full queue refuses the message at once. */
    private CompletableFuture<Void> track(Supplier<CompletableFuture<Void>> write, long re) {
        CompletableFuture<Void> future;
        try {
            future = write.get();
        } catch (StoreException e) {
            throw new ProtocolException(e.reason() == StoreException.Reason.OVERLOADED ? ErrorCode.STORE_BUSY
                    : ErrorCode.STORE_FAILED, "the message store is busy; the message was not sent, retry", re);
        }
        inFlight.add(future);
        future.whenComplete((v, e) -> inFlight.remove(future));
        return future;
    }

    private static void await(CompletableFuture<Void> barrier) {
        try {
            barrier.get(BARRIER_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.log(Level.WARNING, "history replay without waiting for the store: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
