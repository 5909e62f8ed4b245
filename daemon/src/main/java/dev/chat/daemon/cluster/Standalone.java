package dev.chat.daemon.cluster;

import dev.chat.wire.frame.LeaveReason;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One node alone: nothing to share. The core runs its one-node path ({@link #clustered()} is false). */
final class Standalone implements Cluster {
    static final Standalone INSTANCE = new Standalone();
    private static final Claim LOCAL = new Claim("", Claim.Kind.LOCAL, 0, null);

    private Standalone() {
    }

    @Override
    public boolean clustered() {
        return false;
    }

    @Override
    public void start(Listener listener) {
    }

    @Override
    public Claim claim(String key, String name, String resume, long re) {
        return LOCAL;
    }

    @Override
    public void joined(Claim claim, String name, String token, long since) {
    }

    @Override
    public void abandon(Claim claim) {
    }

    @Override
    public void left(String key, String name, LeaveReason reason, boolean held) {
    }

    @Override
    public void away(String key, String name, String reason) {
    }

    @Override
    public Posted post(String fromKey, String from, String text, boolean action, long ts, long re) {
        throw new UnsupportedOperationException("a standalone node posts through its own room");
    }

    @Override
    public Optional<Recipient> find(String toKey, long re) {
        return Optional.empty();
    }

    @Override
    public Posted sendPrivate(String fromKey, String fromName, String toKey, String toName, String text,
                              boolean action, long ts, Delivery delivery, long re) {
        throw new UnsupportedOperationException("a standalone node addresses through its own registry");
    }

    @Override
    public long lastApplied() {
        return 0;
    }

    @Override
    public List<String> remoteNames() {
        return List.of();
    }

    @Override
    public Map<String, String> remoteAway() {
        return Map.of();
    }

    @Override
    public boolean remoteOnline(String key) {
        return false;
    }

    @Override
    public void close() {
    }
}
