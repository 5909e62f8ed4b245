package dev.chat.daemon.cluster;

import dev.chat.wire.frame.ClusterState;
import dev.chat.wire.frame.ClusterStatus;

import java.lang.System.Logger.Level;
import java.util.function.Consumer;

/**
 * Whether Redis answers, as the node last saw it. Any thread that fails a Redis call reports
 * {@link #down}; only the heartbeat reports {@link #up}, after it has made the node whole again
 * (claims, presence, the sequence). Each transition is logged and told to the local users once.
 */
final class ClusterHealth {
    static final String DEGRADED_MESSAGE =
            "the cluster is unreachable: you stay connected, but messages and new names are refused until it is back";
    static final String OK_MESSAGE = "the cluster is back";
    private static final System.Logger LOG = System.getLogger(ClusterHealth.class.getName());

    private final String where;
    private volatile Consumer<ClusterStatus> listener = s -> { };
    private boolean available = true;

    ClusterHealth(String where) {
        this.where = where;
    }

    void listen(Consumer<ClusterStatus> value) {
        listener = value;
    }

    boolean available() {
        synchronized (this) {
            return available;
        }
    }

    void down(Exception cause) {
        synchronized (this) {
            if (!available) {
                return;
            }
            available = false;
        }
        LOG.log(Level.WARNING, "cluster: Redis at " + where + " is unreachable (" + cause
                + "): serving local users only; new names and messages are refused until it is back");
        listener.accept(new ClusterStatus(ClusterState.DEGRADED, DEGRADED_MESSAGE));
    }

    void up() {
        synchronized (this) {
            if (available) {
                return;
            }
            available = true;
        }
        LOG.log(Level.INFO, "cluster: Redis at " + where + " is back; claims and presence restored");
        listener.accept(new ClusterStatus(ClusterState.OK, OK_MESSAGE));
    }
}
