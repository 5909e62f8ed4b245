package dev.chat.wire.udp;

/**
 * Tells congestive loss from random loss for {@link Bbr}, so random loss (a lossy radio, a policer
 * dropping at random) costs no rate while a queue that overflows still makes the sender back off.
 *
 * <p>Loss is measured over epochs of at least one round trip and {@link #EPOCH_PACKETS} datagrams
 * (fewer would make the rate too noisy: at 10% loss the standard error over 100 packets is 3%).
 * An epoch is <b>congested</b> when both
 * <ul>
 * <li>its loss rate exceeds {@code 3% + 1.5 x baseline}, the baseline being the moving average of
 *     the loss rate of uncongested epochs (the random loss the path has anyway), and
 * <li>the queue is standing: the <em>smallest</em> RTT of the epoch exceeds the minimum RTT by more
 *     than max(min RTT / 4, 250 us). A queue that overflows is full for the whole epoch, while
 *     BBR's own probing builds a queue for less than a round, so an epoch's minimum stays at the
 *     path's minimum when losses are random.
 * </ul>
 * A congested epoch caps inflight (BBRv2's inflight_hi) at 0.7 x what was in flight, but not below
 * the bandwidth-delay product measured over that epoch (so a false alarm costs only the standing
 * queue). Each uncongested epoch raises the cap by 1, 2, 4, ... datagrams until it no longer binds.
 */
final class LossGuard {
    static final int EPOCH_PACKETS = 100;
    static final double LOSS_MARGIN = 0.03;
    static final double BASELINE_FACTOR = 1.5;
    static final double BETA = 0.7;
    static final long QUEUE_FLOOR = 250_000;
    private static final double BASELINE_GAIN = 1.0 / 8;
    private static final double MAX_BASELINE = 0.5;

    private final long maxDatagram;
    private long epochStartDelivered;
    private long epochStartTime;
    private long epochLost;
    private long epochMinRtt = Long.MAX_VALUE;
    private double baseline;
    private long inflightHi = Long.MAX_VALUE;
    private long probeUp;
    private long congestedEpochs;

    LossGuard(long maxDatagram, long now) {
        this.maxDatagram = maxDatagram;
        this.probeUp = maxDatagram;
        this.epochStartTime = now;
    }

    void onLost(int bytes) {
        epochLost += bytes;
    }

    void onRttSample(long rtt) {
        epochMinRtt = Math.min(epochMinRtt, rtt);
    }

    /**
     * At the start of a round: closes the epoch if it is long enough and returns whether it was
     * congested. {@code compensation} scales the BDP floor as BBR scales its window.
     */
    boolean onRoundStart(long now, long delivered, long minRtt, long inflight, double compensation) {
        long epochDelivered = delivered - epochStartDelivered;
        if (epochDelivered + epochLost < EPOCH_PACKETS * maxDatagram || minRtt == Long.MAX_VALUE) {
            return false;
        }
        double lossRate = (double) epochLost / (epochDelivered + epochLost);
        boolean standingQueue = epochMinRtt != Long.MAX_VALUE
                && epochMinRtt - minRtt > Math.max(minRtt / 8, QUEUE_FLOOR);
        boolean congested = standingQueue && lossRate > LOSS_MARGIN + BASELINE_FACTOR * baseline;
        if (congested) {
            congestedEpochs++;
            double rate = (double) epochDelivered / Math.max(now - epochStartTime, 1);
            long bdp = (long) (rate * minRtt * compensation);
            inflightHi = Math.max(Math.max((long) (BETA * inflight), bdp), 4 * maxDatagram);
            probeUp = maxDatagram;
        } else {
            if (!standingQueue) {
                baseline = Math.min(MAX_BASELINE, baseline + (lossRate - baseline) * BASELINE_GAIN);
            }
            raiseCap(inflight);
        }
        epochStartDelivered = delivered;
        epochStartTime = now;
        epochLost = 0;
        epochMinRtt = Long.MAX_VALUE;
        return congested;
    }

    private void raiseCap(long inflight) {
        if (inflightHi == Long.MAX_VALUE) {
            return;
        }
        inflightHi += probeUp;
        probeUp *= 2;
        if (inflightHi > 4 * Math.max(inflight, 4 * maxDatagram)) {
            inflightHi = Long.MAX_VALUE; // far above use: no longer a bound
        }
    }

    /** The random loss rate the path shows outside congestion (0..0.5). */
    double baseline() {
        return baseline;
    }

    /** Cap on bytes in flight; MAX_VALUE when none. */
    long inflightHi() {
        return inflightHi;
    }

    long congestedEpochs() {
        return congestedEpochs;
    }
}
