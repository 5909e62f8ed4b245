package dev.chat.bench;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the receivers saw. Only messages stamped inside the measurement window
 * [{@code from}, {@code to}) enter the histogram and the delivery count, so warm-up traffic and
 * late stragglers of the warm-up do not blur the result.
 */
final class LoadRecorder implements DeliverySink {
    private static final int KEPT_ERRORS = 5;

    private final LatencyHistogram latency = new LatencyHistogram();
    /** Cluster runs: deliveries whose sender was on another node than the receiver. */
    private final LatencyHistogram crossNode = new LatencyHistogram();
    private final LongAdder crossNodeDeliveries = new LongAdder();
    private final LongAdder allDeliveries = new LongAdder();
    private final LongAdder windowDeliveries = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final List<String> firstErrors = new CopyOnWriteArrayList<>();
    private volatile long from = Long.MAX_VALUE;
    private volatile long to = Long.MAX_VALUE;

    void window(long fromNanos, long toNanos) {
        to = toNanos;
        from = fromNanos;
    }

    @Override
    public void delivered(long stampNanos, long receivedNanos) {
        allDeliveries.increment();
        if (stampNanos - from >= 0 && stampNanos - to < 0) {
            windowDeliveries.increment();
            latency.record(receivedNanos - stampNanos);
        }
    }

    /** A delivery that also crossed from one cluster node to another (counted in {@link #delivered} too). */
    void deliveredAcrossNodes(long stampNanos, long receivedNanos) {
        if (stampNanos - from >= 0 && stampNanos - to < 0) {
            crossNodeDeliveries.increment();
            crossNode.record(receivedNanos - stampNanos);
        }
    }

    LatencyHistogram crossNodeLatency() {
        return crossNode;
    }

    long crossNodeDeliveries() {
        return crossNodeDeliveries.sum();
    }

    @Override
    public void error(String what) {
        errors.increment();
        if (firstErrors.size() < KEPT_ERRORS) {
            firstErrors.add(what.length() > 200 ? what.substring(0, 200) : what);
        }
    }

    LatencyHistogram latency() {
        return latency;
    }

    long windowDeliveries() {
        return windowDeliveries.sum();
    }

    long allDeliveries() {
        return allDeliveries.sum();
    }

    long errors() {
        return errors.sum();
    }

    List<String> firstErrors() {
        return List.copyOf(firstErrors);
    }
}
