package dev.chat.daemon;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.Names;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.ServerLimits;
import dev.chat.wire.frame.UserJoined;
import dev.chat.wire.frame.UserLeft;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who is online, by collision key ({@link Names#key}), and the room they share ({@link RoomLog}).
 * Join, leave and broadcast each append their event to the room under one lock, so every user sees
 * joins, leaves and broadcasts in one order; the lock covers one append, never a fan-out, so a
 * burst of joins does not hold anyone's delivery back. A joiner's welcome pages come before
 * anything else addressed to it ({@link Peer#openRoom}).
 *
 * <p>Called from any connection's reader thread, from writer threads (kicks) and from the server
 * on shutdown. Nothing under the lock blocks.
 */
final class UserRegistry {
    /** What a join or leave event costs the room besides the name: the JSON around it. */
    private static final int EVENT_COST = 48;
    private static final Duration ROOM_POLL = Duration.ofMillis(5);

    /** A joined user: the name as registered and where its frames go. */
    record Member(String name, Peer peer) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    /** Sorted by key: every user list (welcome, list_users, /users) is in collision-key order, as the spec promises. */
    private final Map<String, Member> byKey = new HashMap<>();
    /** The same members in the order user lists show them ({@link Names#sortKey}). */
    private final TreeMap<String, Member> sorted = new TreeMap<>();
    private final Map<Peer, String> keyByPeer = new IdentityHashMap<>();
    private final String server;
    private final ServerLimits limits;
    private final RoomLog room = new RoomLog();
    private final long roomBudget;
    private boolean closed;

    UserRegistry(String server, ServerLimits limits) {
        this(server, limits, DeliveryLimits.DEFAULTS.roomBytes());
    }

    /** @param roomBudget bytes of room events kept for readers that are behind before broadcasters wait */
    UserRegistry(String server, ServerLimits limits, long roomBudget) {
        this.server = server;
        this.limits = limits;
        this.roomBudget = roomBudget;
    }

    /**
     * Registers {@code name} (already validated) for {@code peer}, announces it in the room and
     * queues the welcome pages for it (answering {@code re}). Under the lock: the name check, the
     * announcement and the joiner's place in the room, so the joiner sees every later event and
     * no earlier one; the pages are built and queued after the lock is released.
     *
     * @throws ProtocolException {@code NAME_TAKEN} with {@code re} when the name's key is in use
     */
    void join(String name, Peer peer, long re) {
        String key = Names.key(name);
        List<String> online;
        lock.lock();
        try {
            if (closed) {
                throw new ProtocolException(ErrorCode.SHUTTING_DOWN, "the server is shutting down", re);
            }
            if (keyByPeer.containsKey(peer)) {
                throw new ProtocolException(ErrorCode.ALREADY_JOINED, "this connection has already joined", re);
            }
            Member taken = byKey.get(key);
            if (taken != null) {
                throw new ProtocolException(ErrorCode.NAME_TAKEN, "the name '" + name + "' is taken", re);
            }
            room.append(new SharedFrame(new UserJoined(name)), peer, EVENT_COST + name.length());
            Member member = new Member(name, peer);
            byKey.put(key, member);
            sorted.put(Names.sortKey(name), member);
            keyByPeer.put(peer, key);
            peer.enterRoom(room.reader(peer));
            online = namesLocked();
        } finally {
            lock.unlock();
        }
        peer.openRoom(Pages.welcome(re, name, online, server, limits));
    }

    /** Unregisters {@code peer} and announces user_left to everyone else; false if it had not joined. */
    boolean leave(Peer peer, LeaveReason reason) {
        lock.lock();
        try {
            String key = keyByPeer.remove(peer);
            if (key == null) {
                return false;
            }
            Member gone = byKey.remove(key);
            sorted.remove(Names.sortKey(gone.name()));
            peer.leaveRoom();
            room.append(new SharedFrame(new UserLeft(gone.name(), reason)), peer, EVENT_COST + gone.name().length());
            return true;
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
        while (room.over(roomBudget)) {
            Thread.sleep(ROOM_POLL);
        }
        SharedFrame shared = new SharedFrame(frame);
        lock.lock();
        try {
            room.append(shared, sender, cost);
            return byKey.size() - (keyByPeer.containsKey(sender) ? 1 : 0);
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
        return names;
    }
}
