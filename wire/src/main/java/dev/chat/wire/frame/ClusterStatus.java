package dev.chat.wire.frame;

/**
 * Event: a clustered daemon lost ({@link ClusterState#DEGRADED}) or regained ({@link ClusterState#OK})
 * the cluster it shares with other nodes (PROTOCOL.md 6.11). A client that does not know it ignores it.
 */
@FrameType("cluster")
public record ClusterStatus(ClusterState state, String message) implements ServerFrame {
    public ClusterStatus {
        Ids.required("state", state);
        Ids.required("message", message);
    }
}
