package dev.chat.daemon;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.Names;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.ServerLimits;
import dev.chat.wire.frame.UserJoined;
import dev.chat.wire.frame.UserLeft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who is online, by collision key ({@link Names#key}). Join, leave and broadcast each run under
 * one lock together with the frames they queue, so every user sees joins, leaves and broadcasts
 * in one order and a joiner's welcome pages come before anything else addressed to it.
 *
 * <p>Called from any connection's reader thread, from writer threads (kicks) and from the server
 * on shutdown. Queuing frames never blocks ({@link Peer}), so holding the lock while queuing is cheap.
 */
final class UserRegistry {
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
    private boolean closed;

    UserRegistry(String server, ServerLimits limits) {
        this.server = server;
        this.limits = limits;
    }

    /**
     * Registers {@code name} (already validated) for {@code peer}, queues the welcome pages for it
     * (answering {@code re}) and user_joined for everyone else, atomically.
     *
     * @throws ProtocolException {@code NAME_TAKEN} with {@code re} when the name's key is in use
     */
    void join(String name, Peer peer, long re) {
        String key = Names.key(name);
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
            SharedFrame joined = new SharedFrame(new UserJoined(name));
            for (Member other : byKey.values()) {
                other.peer().deliver(joined);
            }
            Member member = new Member(name, peer);
            byKey.put(key, member);
            sorted.put(Names.sortKey(name), member);
            keyByPeer.put(peer, key);
            peer.deliverAll(Pages.welcome(re, name, namesLocked(), server, limits));
        } finally {
            lock.unlock();
        }
    }

    /** Unregisters {@code peer} and queues user_left for everyone else; false if it had not joined. */
    boolean leave(Peer peer, LeaveReason reason) {
        lock.lock();
        try {
            String key = keyByPeer.remove(peer);
            if (key == null) {
                return false;
            }
            Member gone = byKey.remove(key);
            sorted.remove(Names.sortKey(gone.name()));
            SharedFrame left = new SharedFrame(new UserLeft(gone.name(), reason));
            for (Member other : byKey.values()) {
                other.peer().deliver(left);
            }
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
     * Queues {@code frame} for every member but {@code sender}; returns how many queued it (a
     * member whose connection is closing does not count).
     */
    int broadcast(Peer sender, ServerFrame frame) {
        SharedFrame shared = new SharedFrame(frame);
        lock.lock();
        try {
            int recipients = 0;
            for (Member member : byKey.values()) {
                if (member.peer() != sender && member.peer().deliver(shared)) {
                    recipients++;
                }
            }
            return recipients;
        } finally {
            lock.unlock();
        }
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
