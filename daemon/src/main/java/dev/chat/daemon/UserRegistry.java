package dev.chat.daemon;

import dev.chat.daemon.cluster.Cluster;
import dev.chat.daemon.store.MemoryStore;
import dev.chat.daemon.store.PrivateMessage;
import dev.chat.daemon.store.RoomMessage;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.Names;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.ServerLimits;
import dev.chat.wire.frame.UserAway;
import dev.chat.wire.frame.UserJoined;
import dev.chat.wire.frame.UserLeft;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who is online, by collision key ({@link Names#key}), and the room they share ({@link RoomLog}).
 * Join, leave and broadcast each append their event to the room under one lock, so every user sees
 * joins, leaves and broadcasts in one order; the lock covers one append, never a fan-out, so a
 * burst of joins does not hold anyone's delivery back. A joiner's welcome pages come before
 * anything else addressed to it ({@link Peer#openRoom}).
 *
 * <p><b>Held names.</b> A JSON session gets a resume token when it joins. When it ends other than
 * by {@code quit}, its name stays held for the grace period: a {@code hello} with the token (or
 * the account's password) takes it back, anyone else gets {@code NAME_TAKEN}, and private
 * messages to it are stored for the resume ({@link NameHolds}).
 *
 * <p><b>Takeover.</b> A {@code hello} whose password the account verified may take its name from
 * a live session (a stale connection on another machine, as IRC's REGAIN): the holder leaves with
 * {@link LeaveReason#REPLACED} and its connection is ended through {@link Member#replaced}.
 *
 * <p><b>History.</b> Broadcasts and private messages take their id from {@link History} and submit
 * their append under the same lock that orders them in the room or picks their recipient, and a
 * joiner takes its place in that order under the lock too (see {@link History}).
 *
 * <p><b>Cluster.</b> With a clustered {@link Cluster}, a name is claimed cluster-wide before the
 * join's own checks, broadcasts and private messages are numbered and stored by the cluster, and
 * reach this room (the sender's node too) from the cluster's one stream through
 * {@link ClusterBridge}, so every node sees one order; a joiner's {@code upTo} is then the highest
 * id applied here. An away state is announced here at once and to the other nodes through the
 * cluster; user lists add the remote users' away reasons. Cluster calls run outside the lock.
 *
 * <p>Called from any connection's reader thread, from writer threads (kicks), from the cluster's
 * threads and from the server on shutdown. Nothing under the lock blocks: a store append only queues.
 */
final class UserRegistry {
    /** What a join or leave event costs the room besides the name: the JSON around it. */
    static final int EVENT_COST = 48;
    private static final Duration ROOM_POLL = Duration.ofMillis(5);

    /**
     * A joined user: the name as registered and where its frames go; its resume token (null for a
     * text session) and the first message id its private history may show (a guest's name may have
     * had other owners before).
     */
    record Member(String name, Peer peer, String token, long since, Runnable replaced) {
        Member(String name, Peer peer) {
            this(name, peer, null, 0, null);
        }
    }

    /**
     * A hello that passed its checks.
     *
     * @param registered the password of the name's account was verified
     * @param resume     the token presented, or null
     * @param wantsToken the session can resume (JSON), so it gets a token and its name is held
     * @param replaced   ends this session when a login with the account's password takes its name
     *                   over; called with the registry's lock held, so it must not block; null: the
     *                   session cannot be replaced
     */
    record JoinRequest(String name, Peer peer, long re, boolean registered, String resume, boolean wantsToken,
                       Runnable replaced) {
        JoinRequest(String name, Peer peer, long re, boolean registered, String resume, boolean wantsToken) {
            this(name, peer, re, registered, resume, wantsToken, null);
        }
    }

    /**
     * What a join saw under the lock.
     *
     * @param upTo    the highest message id assigned before the join: older ones come from the store
     * @param barrier completes when every append submitted before the join has finished
     * @param resumed the name was reclaimed from a hold with its token
     */
    record Joined(List<String> online, String token, long since, long upTo, CompletableFuture<Void> barrier,
                  boolean resumed) {
    }

    /** A stored broadcast: how many got it, its id and when it is durable. */
    record Posted(int recipients, long id, CompletableFuture<Void> durable) {
    }

    /**
     * Where a private message went: queued for an online recipient ({@code delivered}), or stored
     * for an away one named {@code name}; {@code durable} completes when it is on disk.
     */
    record Addressed(boolean delivered, String name, long id, CompletableFuture<Void> durable) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    /** Sorted by key: every user list (welcome, list_users, /users) is in collision-key order, as the spec promises. */
    private final Map<String, Member> byKey = new HashMap<>();
    /** The same members in the order user lists show them ({@link Names#sortKey}). */
    private final TreeMap<String, Member> sorted = new TreeMap<>();
    private final Map<Peer, String> keyByPeer = new IdentityHashMap<>();
    /** Away reasons by key, for the members that are away. */
    private final Map<String, String> awayByKey = new HashMap<>();
    private final String server;
    private final ServerLimits limits;
    private final RoomLog room = new RoomLog();
    private final long roomBudget;
    private final History history;
    private final NameHolds holds;
    private final Cluster cluster;
    /** In cluster mode: the highest message id appended here from the cluster's stream (under the lock). */
    private long applied;
    private boolean closed;

    UserRegistry(String server, ServerLimits limits) {
        this(server, limits, DeliveryLimits.DEFAULTS.roomBytes());
    }

    /** @param roomBudget bytes of room events kept for readers that are behind before broadcasters wait */
    UserRegistry(String server, ServerLimits limits, long roomBudget) {
        this(server, limits, roomBudget, new History(new MemoryStore(), AccountSettings.DEFAULTS.historyOnJoin()),
                AccountSettings.DEFAULTS.nameGrace(), System::nanoTime);
    }

    /** @param grace how long a vanished session's name is held for its token */
    UserRegistry(String server, ServerLimits limits, long roomBudget, History history, Duration grace,
                 LongSupplier nanoClock) {
        this(server, limits, roomBudget, history, grace, nanoClock, Cluster.standalone());
    }

    /** @param cluster the other nodes serving this room, or {@link Cluster#standalone()} */
    UserRegistry(String server, ServerLimits limits, long roomBudget, History history, Duration grace,
                 LongSupplier nanoClock, Cluster cluster) {
        this.cluster = cluster;
        this.server = server;
        this.limits = limits;
        this.roomBudget = roomBudget;
        this.history = history;
        this.holds = new NameHolds(grace, nanoClock);
    }

    History history() {
        return history;
    }

    /**
     * Registers {@code name} (already validated) for {@code peer} as a guest, announces it and
     * queues the welcome pages for it (answering {@code re}); no token, no history. For tests and
     * callers that need no more.
     *
     * @throws ProtocolException {@code NAME_TAKEN} with {@code re} when the name's key is in use
     */
    void join(String name, Peer peer, long re) {
        Joined joined = join(new JoinRequest(name, peer, re, false, null, false));
        peer.openRoom(Pages.welcome(re, name, joined.online(), server, limits));
    }

    /**
     * Registers the request's name for its peer and announces it in the room. Under the lock: the
     * name check (online or held), the announcement, the joiner's place in the room and its place in
     * the history ({@link Joined#upTo}, {@link Joined#barrier}), so the joiner sees every later event
     * and no earlier one. The caller queues the welcome with {@link Peer#openRoom}.
     *
     * A verified login ({@link JoinRequest#registered}) replaces a live session under the name.
     *
     * @throws ProtocolException {@code NAME_TAKEN} with {@code re} when the name's key is in use or held
     */
    Joined join(JoinRequest request) {
        String key = Names.key(request.name());
        Cluster.Claim claim = cluster.claim(key, request.name(), request.resume(), request.re());
        boolean done = false;
        try {
            Joined joined = join(request, key, claim);
            done = true;
            cluster.joined(claim, request.name(), joined.token(), joined.since());
            return joined;
        } finally {
            if (!done) {
                cluster.abandon(claim);
            }
        }
    }

    private Joined join(JoinRequest request, String key, Cluster.Claim claim) {
        String name = request.name();
        Peer peer = request.peer();
        long re = request.re();
        lock.lock();
        try {
            if (closed) {
                throw new ProtocolException(ErrorCode.SHUTTING_DOWN, "the server is shutting down", re);
            }
            if (keyByPeer.containsKey(peer)) {
                throw new ProtocolException(ErrorCode.ALREADY_JOINED, "this connection has already joined", re);
            }
            Member holder = byKey.get(key);
            if (holder != null && (!request.registered() || holder.replaced() == null)) {
                throw new ProtocolException(ErrorCode.NAME_TAKEN, "the name '" + name + "' is taken", re);
            }
            if (holder != null) {
                replaceLocked(key, holder);
            }
            NameHolds.Hold hold = holds.live(key);
            boolean resumed = hold != null && NameHolds.matches(hold, request.resume());
            if (hold != null && !resumed && !request.registered()) {
                throw new ProtocolException(ErrorCode.NAME_TAKEN, "the name '" + name + "' is taken", re);
            }
            holds.release(key);
            String token = request.wantsToken() ? NameHolds.newToken() : null;
            long since = resumed ? hold.since() : claim.resumed() ? claim.since() : lastIdLocked();
            resumed |= claim.resumed();
            room.append(new SharedFrame(new UserJoined(name)), peer, EVENT_COST + name.length());
            Member member = new Member(name, peer, token, since, request.replaced());
            byKey.put(key, member);
            sorted.put(Names.sortKey(name), member);
            keyByPeer.put(peer, key);
            peer.enterRoom(room.reader(peer));
            return new Joined(namesLocked(), token, since, lastIdLocked(), history.barrier(), resumed);
        } finally {
            lock.unlock();
        }
    }

    /** Caller holds the lock: {@code holder} leaves as replaced (no hold: the name is taken now) and is ended. */
    private void replaceLocked(String key, Member holder) {
        keyByPeer.remove(holder.peer());
        byKey.remove(key);
        awayByKey.remove(key); // the new session starts present, as any join does
        sorted.remove(Names.sortKey(holder.name()));
        holder.peer().leaveRoom();
        room.append(new SharedFrame(new UserLeft(holder.name(), LeaveReason.REPLACED)), holder.peer(),
                EVENT_COST + holder.name().length());
        holder.replaced().run();
    }

    /** Unregisters {@code peer} and announces user_left to everyone else; false if it had not joined. */
    boolean leave(Peer peer, LeaveReason reason) {
        String key;
        Member gone;
        boolean held;
        lock.lock();
        try {
            key = keyByPeer.remove(peer);
            if (key == null) {
                return false;
            }
            gone = byKey.remove(key);
            awayByKey.remove(key);
            sorted.remove(Names.sortKey(gone.name()));
            if (gone.token() != null && reason != LeaveReason.QUIT && !closed) {
                holds.hold(key, gone.name(), gone.token(), gone.since());
            }
            held = holds.live(key) != null;
            peer.leaveRoom();
            room.append(new SharedFrame(new UserLeft(gone.name(), reason)), peer, EVENT_COST + gone.name().length());
        } finally {
            lock.unlock();
        }
        cluster.left(key, gone.name(), reason, held);
        return true;
    }

    /**
     * Appends a broadcast from {@code from} to the room with the next message id and submits it to
     * the store, in one section under the lock: the room's order is the ids' order. Waits first (on
     * the sender's reader thread, no lock held) while the room is over its budget.
     *
     * @throws ProtocolException {@code STORE_BUSY} (nothing was sent) when the store's queue is full
     */
    Posted post(Peer sender, String from, String text, long ts, int cost, long re) throws InterruptedException {
        return post(sender, from, text, false, ts, cost, re);
    }

    /** As {@link #post(Peer, String, String, long, int, long)}, for an action ({@code /me}) when {@code action}. */
    Posted post(Peer sender, String from, String text, boolean action, long ts, int cost, long re)
            throws InterruptedException {
        waitForRoom();
        if (cluster.clustered()) {
            return ClusterBridge.post(this, cluster, sender, from, text, action, ts, re);
        }
        lock.lock();
        try {
            long id = history.nextId();
            CompletableFuture<Void> durable = history.appendRoom(
                    new RoomMessage(History.ROOM, id, from, text, Instant.ofEpochMilli(ts)), re);
            room.append(new SharedFrame(new Message(from, Names.ALL, text, ts, id, null, action)), sender, cost);
            return new Posted(byKey.size() - (keyByPeer.containsKey(sender) ? 1 : 0), id, durable);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Addresses a private message to the user with {@code toKey}: an online member (queued with the
     * non-blocking {@link Peer#deliver}, after the caller waited for space with
     * {@link Peer#awaitSpace}), a held name (stored: for a registered name as an offline message, for a guest's
     * for its resume), or, when {@code account} names the registered recipient's display name, an
     * offline message. The id, the append and the queueing happen under the lock: a recipient
     * joining at the same moment either finds the message in the store or gets it live, never
     * neither, and every client receives message ids in increasing order (its last id seen is a
     * safe resume point).
     *
     * @param account the recipient's account display name when it is registered, else null
     * @return empty when nobody online, held or registered has the key
     */
    Optional<Addressed> address(String fromKey, String fromName, String toKey, String account, String text,
                                long ts, long re) {
        return address(fromKey, fromName, toKey, account, text, false, ts, re);
    }

    /** As {@link #address(String, String, String, String, String, long, long)}, for an action when {@code action}. */
    Optional<Addressed> address(String fromKey, String fromName, String toKey, String account, String text,
                                boolean action, long ts, long re) {
        if (cluster.clustered()) {
            return ClusterBridge.address(this, cluster, fromKey, fromName, toKey, account, text, action, ts, re);
        }
        lock.lock();
        try {
            Member online = byKey.get(toKey);
            NameHolds.Hold hold = online == null ? holds.live(toKey) : null;
            if (online == null && hold == null && account == null) {
                return Optional.empty();
            }
            String toName = online != null ? online.name() : hold != null ? hold.name() : account;
            long id = history.nextId();
            PrivateMessage message = new PrivateMessage(id, fromKey, toKey, fromName, toName, text, Instant.ofEpochMilli(ts));
            CompletableFuture<Void> durable = online == null && account != null
                    ? history.storeOffline(message, re)
                    : history.appendPrivate(message, re);
            // A recipient that closed (or was kicked) just now still finds it in its history.
            boolean delivered = online != null
                    && online.peer().deliver(new Message(fromName, toName, text, ts, id, null, action));
            return Optional.of(new Addressed(delivered, toName, id, durable));
        } finally {
            lock.unlock();
        }
    }

    /** The member registered under {@code name}'s key, if online. */
    Optional<Member> find(String name) {
        String key = Names.key(name);
        lock.lock();
        try {
            return Optional.ofNullable(byKey.get(key));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends {@code frame} to the room for every member but {@code sender}; returns how many
     * members get it. When the room holds more than its budget for readers that are behind, the
     * caller (the sender's reader thread) first waits for them, outside the lock: the flood waits,
     * not the room. The server's watchdog kicks a reader that holds the room full for too long.
     *
     * @param cost about the frame's encoded size, for the room's budget
     */
    int broadcast(Peer sender, ServerFrame frame, int cost) throws InterruptedException {
        waitForRoom();
        SharedFrame shared = new SharedFrame(frame);
        lock.lock();
        try {
            room.append(shared, sender, cost);
            return byKey.size() - (keyByPeer.containsKey(sender) ? 1 : 0);
        } finally {
            lock.unlock();
        }
    }

    private void waitForRoom() throws InterruptedException {
        while (room.over(roomBudget)) {
            Thread.sleep(ROOM_POLL);
        }
    }

    /**
     * Marks {@code peer}'s member away with {@code reason}, or back when it is null, and announces
     * it to everyone else in the room ({@link UserAway}) and to the other nodes; false if the peer
     * has not joined.
     */
    boolean away(Peer peer, String reason) {
        String key;
        String name;
        lock.lock();
        try {
            key = keyByPeer.get(peer);
            if (key == null) {
                return false;
            }
            if (reason == null) {
                awayByKey.remove(key);
            } else {
                awayByKey.put(key, reason);
            }
            name = byKey.get(key).name();
            int cost = EVENT_COST + name.length() + (reason == null ? 0 : reason.length());
            room.append(new SharedFrame(new UserAway(name, reason)), peer, cost);
        } finally {
            lock.unlock();
        }
        cluster.away(key, name, reason);
        return true;
    }

    /** Online names in user-list order, and the away ones' reasons, as one snapshot (one lock). */
    record Listing(List<String> names, Map<String, String> away) {
    }

    Listing listing() {
        lock.lock();
        try {
            return new Listing(namesLocked(), awayLocked());
        } finally {
            lock.unlock();
        }
    }

    /** The away members' names with their reasons. */
    Map<String, String> awayNames() {
        lock.lock();
        try {
            return awayLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Local and (in cluster mode) remote away names with their reasons. */
    private Map<String, String> awayLocked() {
        Map<String, String> remote = cluster.clustered() ? cluster.remoteAway() : Map.of();
        if (awayByKey.isEmpty() && remote.isEmpty()) {
            return Map.of();
        }
        Map<String, String> away = new HashMap<>(remote);
        awayByKey.forEach((key, reason) -> away.put(byKey.get(key).name(), reason));
        return away;
    }

    /** Whether {@code key}'s name is held for a vanished session now. */
    boolean held(String name) {
        lock.lock();
        try {
            return holds.live(Names.key(name)) != null;
        } finally {
            lock.unlock();
        }
    }

    /** The room, for the memory budget and the watchdog. */
    RoomLog room() {
        return room;
    }

    /** Online names in user-list order ({@link Names#sortKey}). */
    List<String> names() {
        lock.lock();
        try {
            return namesLocked();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return byKey.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Empties the registry without user_left events (everyone is leaving: the server tells each
     * connection itself) and refuses later joins.
     */
    void closeAll() {
        lock.lock();
        try {
            closed = true;
            holds.clear();
            awayByKey.clear();
            byKey.clear();
            sorted.clear();
            keyByPeer.clear();
        } finally {
            lock.unlock();
        }
    }

    private List<String> namesLocked() {
        List<String> names = new ArrayList<>(sorted.size());
        for (Member member : sorted.values()) {
            names.add(member.name());
        }
        return cluster.clustered() ? ClusterBridge.merge(names, cluster.remoteNames()) : names;
    }

    /** The highest message id a joiner's history must cover: assigned here, or applied here from the cluster. */
    private long lastIdLocked() {
        return cluster.clustered() ? applied : history.lastId();
    }

    // --- for ClusterBridge: the cluster's events, applied under the lock

    /** Appends a room event from the cluster, for everyone but the local member with {@code exceptKey}; records its id. */
    void applyRoom(ServerFrame frame, String exceptKey, long id, int cost) {
        lock.lock();
        try {
            Member except = exceptKey == null ? null : byKey.get(exceptKey);
            room.append(new SharedFrame(frame), except == null ? null : except.peer(), cost);
            applied = Math.max(applied, id);
        } finally {
            lock.unlock();
        }
    }

    /** Queues a private message from the cluster for the local member with {@code toKey}, if here; records its id. */
    void applyPrivate(String toKey, Message message) {
        lock.lock();
        try {
            Member to = byKey.get(toKey);
            if (to != null) {
                to.peer().deliver(message);
            }
            applied = Math.max(applied, message.idOrZero());
        } finally {
            lock.unlock();
        }
    }

    /** The cluster's position when this node started: ids up to it are in the store. */
    void appliedUpTo(long id) {
        lock.lock();
        try {
            applied = Math.max(applied, id);
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code key} is online or held here. */
    boolean owns(String key) {
        lock.lock();
        try {
            return byKey.containsKey(key) || holds.live(key) != null;
        } finally {
            lock.unlock();
        }
    }

    /** The local members, key to name. */
    Map<String, String> localUsers() {
        lock.lock();
        try {
            Map<String, String> users = new HashMap<>();
            byKey.forEach((key, member) -> users.put(key, member.name()));
            return users;
        } finally {
            lock.unlock();
        }
    }

    /** The local members that are away, key to reason. */
    Map<String, String> localAway() {
        lock.lock();
        try {
            return Map.copyOf(awayByKey);
        } finally {
            lock.unlock();
        }
    }

    /** The member online here under {@code key}, or null. */
    Member member(String key) {
        lock.lock();
        try {
            return byKey.get(key);
        } finally {
            lock.unlock();
        }
    }

    /** Members here, the sender excepted if it is one. */
    int othersHere(Peer sender) {
        lock.lock();
        try {
            return byKey.size() - (keyByPeer.containsKey(sender) ? 1 : 0);
        } finally {
            lock.unlock();
        }
    }
}
