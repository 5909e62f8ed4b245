package dev.chat.daemon.cluster;

import dev.chat.wire.Names;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is online on the other nodes, as this node last heard: by node, key to display name. Fed by
 * the event stream (joins and leaves, in order), by a full read of the nodes' presence hashes
 * (start, recovery, a node seen for the first time) and by the heartbeat (a dead node's users
 * are dropped). Each change says whether it changed anything, so an event is announced once.
 * Thread-safe: the stream reader and the heartbeat write, reader threads read.
 */
final class RemotePresence {
    /** A difference to announce. */
    record Change(String name, boolean joined) {
    }

    private final Map<String, Map<String, String>> byNode = new HashMap<>();

    synchronized boolean join(String node, String key, String name) {
        return byNode.computeIfAbsent(node, n -> new HashMap<>()).put(key, name) == null;
    }

    synchronized boolean leave(String node, String key) {
        Map<String, String> users = byNode.get(node);
        return users != null && users.remove(key) != null;
    }

    /** Forgets a node; returns its users' names (to announce as left). */
    synchronized List<String> drop(String node) {
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

    /** Every remote name, in user-list order ({@link Names#sortKey}). */
    synchronized List<String> names() {
        List<String> names = new ArrayList<>(count());
        byNode.values().forEach(users -> names.addAll(users.values()));
        names.sort((a, b) -> Names.sortKey(a).compareTo(Names.sortKey(b)));
        return names;
    }
}
