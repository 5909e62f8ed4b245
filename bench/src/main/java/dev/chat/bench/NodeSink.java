package dev.chat.bench;

/**
 * A receiver's sink in a cluster run: passes every delivery on, and reports it apart when its
 * sender was on another node. The sender's node rides in the stamp itself: the scheduled time is
 * moved back by under {@code nodes} nanoseconds so that {@code stamp mod nodes} is the node
 * (nothing else to parse, and a shift far below the histogram's resolution).
 */
final class NodeSink implements DeliverySink {
    private final LoadRecorder recorder;
    private final int node;
    private final int nodes;

    NodeSink(LoadRecorder recorder, int node, int nodes) {
        this.recorder = recorder;
        this.node = node;
        this.nodes = nodes;
    }

    /** {@code due}, at most {@code nodes - 1} ns earlier, congruent to {@code senderNode} mod {@code nodes}. */
    static long stamp(long due, int senderNode, int nodes) {
        if (nodes == 1) {
            return due;
        }
        long shifted = due - Math.floorMod(due, nodes) + senderNode;
        return shifted > due ? shifted - nodes : shifted;
    }

    @Override
    public void delivered(long stampNanos, long receivedNanos) {
        recorder.delivered(stampNanos, receivedNanos);
        if (Math.floorMod(stampNanos, nodes) != node) {
            recorder.deliveredAcrossNodes(stampNanos, receivedNanos);
        }
    }

    @Override
    public void error(String what) {
        recorder.error(what);
    }
}
