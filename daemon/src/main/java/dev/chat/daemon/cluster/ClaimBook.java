package dev.chat.daemon.cluster;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names this node holds in the cluster, by key, with the exact claim value it last wrote
 * (the value is the token a release or a refresh checks), and the keys a join on this node is
 * claiming right now: at most one claim per key is in flight per node, so a node never races
 * itself. Thread-safe.
 */
final class ClaimBook {
    private final Map<String, String> owned = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /** False when a join on this node is claiming the key already. */
    boolean begin(String key) {
        return inFlight.add(key);
    }

    void end(String key) {
        inFlight.remove(key);
    }

    void own(String key, String value) {
        owned.put(key, value);
    }

    String value(String key) {
        return owned.get(key);
    }

    /** Forgets the claim if it still has {@code value}; true if it did. */
    boolean forget(String key, String value) {
        return owned.remove(key, value);
    }

    String forget(String key) {
        return owned.remove(key);
    }

    Map<String, String> snapshot() {
        return Map.copyOf(owned);
    }

    /** The claim value: {@code node TAB token TAB since TAB name}. */
    static String value(String node, String token, long since, String name) {
        return node + "\t" + (token == null ? "" : token) + "\t" + since + "\t" + name;
    }
}
