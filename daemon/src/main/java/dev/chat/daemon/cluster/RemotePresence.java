package dev.chat.daemon.cluster;

import dev.chat.wire.Names;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who is online on the other nodes, as this node last heard: by node, key to display name, and
 * which of them are away with what reason. Fed by the event stream (joins, leaves and away
 * states, in order), by a full read of the nodes' presence and away hashes
 * (start, recovery, a node seen for the first time) and by the heartbeat (a dead node's users
 * are dropped). Each change says whether it changed anything, so an event is announced once.
 * Thread-safe: the stream reader and the heartbeat write, reader threads read.
 */
final class RemotePresence {
    /** A difference to announce. */
    record Change(String name, boolean joined) {
    }

    /** An away state to announce: {@code reason} null is back. */
    record Away(String name, String reason) {
    }

    private final Map<String, Map<String, String>> byNode = new HashMap<>();
    /** By node, key to away reason, for online users only: a leave or a dead node ends the state. */
    private final Map<String, Map<String, String>> awayByNode = new HashMap<>();

    synchronized boolean join(String node, String key, String name) {
        return byNode.computeIfAbsent(node, n -> new HashMap<>()).put(key, name) == null;
    }

    synchronized boolean leave(String node, String key) {
        Map<String, String> users = byNode.get(node);
        Map<String, String> away = awayByNode.get(node);
        if (away != null) {
            away.remove(key);
        }
        return users != null && users.remove(key) != null;
    }

    /** A user of {@code node} is away with {@code reason} (null: back); whether that changed anything. */
    synchronized boolean away(String node, String key, String reason) {
        if (!byNode.getOrDefault(node, Map.of()).containsKey(key)) {
            return false;
        }
        Map<String, String> away = awayByNode.computeIfAbsent(node, n -> new HashMap<>());
        return !Objects.equals(reason == null ? away.remove(key) : away.put(key, reason), reason);
    }

    /** Replaces one node's away states with {@code away} (key to reason), for its online users; returns the differences. */
    synchronized List<Away> replaceAway(String node, Map<String, String> away) {
        List<Away> changes = new ArrayList<>();
        Map<String, String> users = byNode.getOrDefault(node, Map.of());
        Map<String, String> old = awayByNode.getOrDefault(node, Map.of());
        Map<String, String> now = new HashMap<>();
        users.forEach((key, name) -> {
            String reason = away.get(key);
            if (reason != null) {
                now.put(key, reason);
            }
            if (!Objects.equals(old.get(key), reason)) {
                changes.add(new Away(name, reason));
            }
        });
        awayByNode.put(node, now);
        return changes;
    }

    /** Forgets a node; returns its users' names (to announce as left). */
    synchronized List<String> drop(String node) {
        awayByNode.remove(node);
        Map<String, String> users = byNode.remove(node);
        return users == null ? List.of() : List.copyOf(users.values());
    }

    synchronized Set<String> nodes() {
        return Set.copyOf(byNode.keySet());
    }

    /** Replaces one node's users with {@code users}; returns the differences. */
    synchronized List<Change> replace(String node, Map<String, String> users) {
        Map<String, String> old = byNode.getOrDefault(node, Map.of());
        List<Change> changes = new ArrayList<>();
        old.forEach((key, name) -> {
            if (!users.containsKey(key)) {
                changes.add(new Change(name, false));
            }
        });
        users.forEach((key, name) -> {
            if (!old.containsKey(key)) {
                changes.add(new Change(name, true));
            }
        });
        byNode.put(node, new HashMap<>(users));
        Map<String, String> away = awayByNode.get(node);
        if (away != null) {
            away.keySet().retainAll(users.keySet());
        }
        return changes;
    }

    synchronized boolean online(String key) {
        for (Map<String, String> users : byNode.values()) {
            if (users.containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    synchronized String name(String key) {
        for (Map<String, String> users : byNode.values()) {
            String name = users.get(key);
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    synchronized int count() {
        int n = 0;
        for (Map<String, String> users : byNode.values()) {
            n += users.size();
        }
        return n;
    }

    /** The remote users that are away: display name to reason. */
    synchronized Map<String, String> awayNames() {
        Map<String, String> names = new HashMap<>();
        awayByNode.forEach((node, away) -> away.forEach((key, reason) -> names.put(byNode.get(node).get(key), reason)));
        return names;
    }

    /** Every remote name, in user-list order ({@link Names#sortKey}). */
    synchronized List<String> names() {
        List<String> names = new ArrayList<>(count());
        byNode.values().forEach(users -> names.addAll(users.values()));
        names.sort((a, b) -> Names.sortKey(a).compareTo(Names.sortKey(b)));
        return names;
    }
}
