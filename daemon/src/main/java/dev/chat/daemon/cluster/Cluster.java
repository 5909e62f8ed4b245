package dev.chat.daemon.cluster;

import dev.chat.wire.frame.ClusterStatus;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The seam between the daemon's core (registry, router) and the other nodes serving the same
 * room. {@link #standalone()} is one node alone: every call is a no-op or says "local", and the
 * core does what it always did. {@link RedisCluster} shares names, presence, the room's order and
 * the message ids through Redis.
 *
 * <p>In cluster mode the core never appends a broadcast or a private message to its room itself:
 * {@link #post} and {@link #sendPrivate} number it, store it in the history and publish it in
 * one atomic step, and every node (the sender's included) gets it back from the cluster's one
 * stream through {@link Listener}, so every node sees one order. No method is called with the
 * registry's lock held; those that talk to Redis block the calling (virtual) thread briefly and
 * throw {@link dev.chat.wire.ProtocolException} {@code CLUSTER_UNAVAILABLE} when Redis is away.
 */
public interface Cluster extends AutoCloseable {
    /** One node alone. */
    static Cluster standalone() {
        return Standalone.INSTANCE;
    }

    /** How a join holds its name cluster-wide; handed back to {@link #joined} or {@link #abandon}. */
    record Claim(String key, Kind kind, long since, Object owner) {
        public enum Kind {
            /** Standalone, or a name this node holds already (online or held): the core decides. */
            LOCAL,
            /** Newly claimed in the cluster: released if the join fails. */
            NEW,
            /** Taken over from another node's hold with the session's resume token. */
            RESUMED
        }

        public boolean resumed() {
            return kind == Kind.RESUMED;
        }
    }

    /** A broadcast numbered and stored: its id, how many users on other nodes get it, when it is durable. */
    record Posted(long id, int remoteRecipients, CompletableFuture<Void> durable) {
    }

    /** How a private message is kept: delivered live, stored for a held name's resume, or as offline mail. */
    enum Delivery { LIVE, HELD, OFFLINE }

    /** What a private message to a user not online on this node finds in the cluster. */
    record Recipient(String name, Delivery delivery) {
    }

    /**
     * What the cluster tells the core, in the cluster's order, on the cluster's threads (never with
     * a lock of the cluster held). Implemented by the core.
     */
    interface Listener {
        /** A broadcast, for every local user but the sender (when it is local: its {@code fromKey}). */
        void roomMessage(Message message, String fromKey, boolean local);

        /** A private message for the local user with {@code toKey}, if it is here. */
        void privateMessage(String toKey, Message message);

        /** A user on another node joined or left. */
        void remoteJoined(String name);

        void remoteLeft(String name, LeaveReason reason);

        /** A user on another node is away with {@code reason}, or back when it is null. */
        void remoteAway(String name, String reason);

        /** The link to the cluster went down or came back: tell the local users. */
        void status(ClusterStatus status);

        /** Whether the name's key is still this node's (online or held): its claim is kept alive while it is. */
        boolean owns(String key);

        /** The local users by key, to announce again after Redis came back. */
        Map<String, String> localUsers();

        /** The local users that are away, key to reason, to write again after Redis came back. */
        Map<String, String> localAway();
    }

    /** False for {@link #standalone()}: the core then runs its own one-node path. */
    boolean clustered();

    /** Starts the cluster's threads; events go to {@code listener}. */
    void start(Listener listener);

    /**
     * Claims {@code key} for a join, before the core's own checks.
     *
     * @param resume the token the hello presented, or null
     * @throws dev.chat.wire.ProtocolException {@code NAME_TAKEN} when another node (or a join in
     *                                         flight here) has it, {@code CLUSTER_UNAVAILABLE}
     */
    Claim claim(String key, String name, String resume, long re);

    /** The join succeeded: the claim records the session's token, and the other nodes are told. Never blocks. */
    void joined(Claim claim, String name, String token, long since);

    /** The join failed after the claim: a new claim is released. */
    void abandon(Claim claim);

    /** A local user left; its claim is released unless the core holds its name ({@code held}). Never blocks. */
    void left(String key, String name, LeaveReason reason, boolean held);

    /** A local user is away with {@code reason}, or back when it is null: the other nodes are told. Never blocks. */
    void away(String key, String name, String reason);

    /** Numbers, stores and publishes a broadcast; an action ({@code /me}) when {@code action}. */
    Posted post(String fromKey, String from, String text, boolean action, long ts, long re);

    /** Who has {@code toKey} elsewhere in the cluster: online on another node, or held; empty if nobody. */
    Optional<Recipient> find(String toKey, long re);

    /**
     * Numbers, stores and (for {@link Delivery#LIVE}) publishes a private message; an action when
     * {@code action}.
     *
     * @return its id; the future completes when it is durable (or fails with a store error)
     */
    Posted sendPrivate(String fromKey, String fromName, String toKey, String toName, String text, boolean action,
                       long ts, Delivery delivery, long re);

    /**
     * The highest message id the node's stream reader has seen (at start: the cluster's last id
     * when the node began reading). The core takes it once after {@link #start} and then counts
     * the ids it applies itself, under its lock, so a joiner's {@code upTo} never runs ahead of
     * its room.
     */
    long lastApplied();

    /** The users online on other nodes, as last seen. */
    List<String> remoteNames();

    /** The users on other nodes that are away, display name to reason, as last seen. */
    Map<String, String> remoteAway();

    /** Whether the key is online on another node, as last seen. */
    boolean remoteOnline(String key);

    @Override
    void close();
}
