package dev.chat.daemon;

import dev.chat.daemon.cluster.Cluster;
import dev.chat.wire.Names;
import dev.chat.wire.Utf8;
import dev.chat.wire.frame.ClusterStatus;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.UserAway;
import dev.chat.wire.frame.UserJoined;
import dev.chat.wire.frame.UserLeft;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the core meets a clustered {@link Cluster}: the cluster's events applied to the
 * {@link UserRegistry} (on the cluster's threads), and the registry's clustered paths for a
 * broadcast and a private message (on the sender's reader thread, no lock held). A standalone
 * daemon never reaches this class.
 */
final class ClusterBridge implements Cluster.Listener {
    private final UserRegistry registry;

    ClusterBridge(UserRegistry registry) {
        this.registry = registry;
    }

    /** A broadcast numbered and stored by the cluster; it reaches this room from the cluster's stream. */
    static UserRegistry.Posted post(UserRegistry registry, Cluster cluster, Peer sender, String from, String text,
                                    boolean action, long ts, long re) {
        Cluster.Posted posted = cluster.post(Names.key(from), from, text, action, ts, re);
        return new UserRegistry.Posted(registry.othersHere(sender) + posted.remoteRecipients(), posted.id(),
                posted.durable());
    }

    /**
     * A private message: live to a user online here or on another node, stored for a held name's
     * resume, or offline mail for a registered name ({@code account}); empty when nobody has it.
     */
    static Optional<UserRegistry.Addressed> address(UserRegistry registry, Cluster cluster, String fromKey,
                                                    String fromName, String toKey, String account, String text,
                                                    boolean action, long ts, long re) {
        UserRegistry.Member here = registry.member(toKey);
        Optional<Cluster.Recipient> found = here != null
                ? Optional.of(new Cluster.Recipient(here.name(), Cluster.Delivery.LIVE))
                : cluster.find(toKey, re);
        if (found.isEmpty() && account == null) {
            return Optional.empty();
        }
        Cluster.Recipient to = found.orElse(new Cluster.Recipient(account, Cluster.Delivery.OFFLINE));
        Cluster.Posted sent = cluster.sendPrivate(fromKey, fromName, toKey, to.name(), text, action, ts,
                to.delivery(), re);
        return Optional.of(new UserRegistry.Addressed(to.delivery() == Cluster.Delivery.LIVE, to.name(), sent.id(),
                sent.durable()));
    }

    /** Local and remote names in one user-list order ({@link Names#sortKey}). */
    static List<String> merge(List<String> local, List<String> remote) {
        if (remote.isEmpty()) {
            return local;
        }
        List<String> all = new ArrayList<>(local.size() + remote.size());
        all.addAll(local);
        all.addAll(remote);
        all.sort(Comparator.comparing(Names::sortKey));
        return all;
    }

    @Override
    public void roomMessage(Message message, String fromKey, boolean local) {
        registry.applyRoom(message, local ? fromKey : null, message.idOrZero(),
                Router.MESSAGE_OVERHEAD + Utf8.encodedLength(message.text()));
    }

    @Override
    public void privateMessage(String toKey, Message message) {
        registry.applyPrivate(toKey, message);
    }

    @Override
    public void remoteJoined(String name) {
        registry.applyRoom(new UserJoined(name), null, 0, UserRegistry.EVENT_COST + name.length());
    }

    @Override
    public void remoteLeft(String name, LeaveReason reason) {
        registry.applyRoom(new UserLeft(name, reason), null, 0, UserRegistry.EVENT_COST + name.length());
    }

    @Override
    public void remoteAway(String name, String reason) {
        int cost = UserRegistry.EVENT_COST + name.length() + (reason == null ? 0 : reason.length());
        registry.applyRoom(new UserAway(name, reason), null, 0, cost);
    }

    @Override
    public void status(ClusterStatus status) {
        registry.applyRoom(status, null, 0, UserRegistry.EVENT_COST + status.message().length());
    }

    @Override
    public boolean owns(String key) {
        return registry.owns(key);
    }

    @Override
    public Map<String, String> localUsers() {
        return registry.localUsers();
    }

    @Override
    public Map<String, String> localAway() {
        return registry.localAway();
    }
}
