package dev.chat.wire.udp;

/**
 * RTT estimation per RFC 9002 §5 (the RFC 6298 estimator, fed with unambiguous samples because
 * packet numbers are never reused): latest, smoothed, variance and minimum RTT, all in nanos.
 */
final class RttEstimator {
    private final long granularity;
    private long latest;
    private long smoothed;
    private long variance;
    private long min = Long.MAX_VALUE;
    private boolean hasSample;

    RttEstimator(long initialRtt, long granularity) {
        this.granularity = granularity;
        this.smoothed = initialRtt;
        this.variance = initialRtt / 2;
        this.latest = initialRtt;
    }

    /**
     * Takes one sample: {@code rtt} from sending the largest newly acknowledged packet to its ack,
     * {@code ackDelay} as reported by the peer, capped at its advertised maximum.
     */
    void onSample(long rtt, long ackDelay, long maxAckDelay) {
        rtt = Math.max(rtt, 1);
        latest = rtt;
        min = Math.min(min, rtt);
        if (!hasSample) {
            hasSample = true;
            smoothed = rtt;
            variance = rtt / 2;
            return;
        }
        long delay = Math.min(ackDelay, maxAckDelay);
        long adjusted = rtt >= min + delay ? rtt - delay : rtt;
        variance = (3 * variance + Math.abs(smoothed - adjusted)) / 4;
        smoothed = (7 * smoothed + adjusted) / 8;
    }

    /** Probe timeout before backoff: srtt + max(4 rttvar, granularity) + max ack delay. */
    long probeTimeout(long maxAckDelay) {
        return smoothed + Math.max(4 * variance, granularity) + maxAckDelay;
    }

    /** Time threshold of loss detection: 9/8 max(srtt, latest), at least the granularity. */
    long lossDelay() {
        return Math.max(Math.max(smoothed, latest) * 9 / 8, granularity);
    }

    /** RFC 9002 §7.6.1: how long a run of losses must span to be persistent congestion. */
    long persistentCongestionDuration(long maxAckDelay) {
        return 3 * probeTimeout(maxAckDelay);
    }

    boolean hasSample() {
        return hasSample;
    }

    long smoothed() {
        return smoothed;
    }

    long variance() {
        return variance;
    }

    long latest() {
        return latest;
    }

    /** Minimum RTT seen, or 0 before the first sample. */
    long min() {
        return hasSample ? min : 0;
    }
}
