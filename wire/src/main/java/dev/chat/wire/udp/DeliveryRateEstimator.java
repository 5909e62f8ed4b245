package dev.chat.wire.udp;

/**
 * Delivery-rate samples per draft-cheng-iccrg-delivery-rate-estimation: each packet remembers how
 * much had been delivered when it left; when it is acknowledged, the data delivered since then over
 * the longer of the send and ack intervals is a sample of the bottleneck rate. One sample per ACK,
 * taken from the most recently sent packet it acknowledges. Samples taken while the sender had
 * nothing to send (app-limited) may underestimate and are flagged.
 */
final class DeliveryRateEstimator {
    private final SentPacketLog log;

    private long delivered;
    private long deliveredTime;
    private long firstSentTime;
    private long appLimitedUntil;

    private long ackStartDelivered;
    private long priorDelivered;
    private long priorSent;
    private long sendElapsed;
    private long ackElapsed;
    private boolean sampleAppLimited;
    private long sampleDelivered;
    private long sampleInterval;

    DeliveryRateEstimator(SentPacketLog log, long now) {
        this.log = log;
        this.deliveredTime = now;
        this.firstSentTime = now;
    }

    /** Stamps packet {@code pn}, just sent with {@code inflightBefore} bytes already in flight. */
    void onSent(long pn, long now, long inflightBefore) {
        if (inflightBefore <= 0) {
            firstSentTime = now; // an idle restart: intervals start now, not at the last ack
            deliveredTime = now;
        }
        log.setRateState(pn, delivered, deliveredTime, firstSentTime, appLimitedUntil != 0);
    }

    /** The sender ran out of data (or receive window) to send: samples until now are app-limited. */
    void onAppLimited(long bytesInFlight) {
        appLimitedUntil = Math.max(delivered + bytesInFlight, 1);
    }

    void beginAck() {
        ackStartDelivered = delivered;
        priorDelivered = -1;
    }

    /** Packet {@code pn} (still in the log) was newly acknowledged now. */
    void onAcked(long pn, long now) {
        delivered += log.size(pn);
        deliveredTime = now;
        long pd = log.delivered(pn);
        long sent = log.sentTime(pn);
        if (pd > priorDelivered || (pd == priorDelivered && sent > priorSent)) {
            priorDelivered = pd;
            priorSent = sent;
            sampleAppLimited = log.appLimited(pn);
            sendElapsed = sent - log.firstSentTime(pn);
            ackElapsed = now - log.deliveredTime(pn);
            firstSentTime = sent;
        }
    }

    /** Completes this ACK's sample; intervals shorter than {@code minRtt} are not trusted. */
    void endAck(long minRtt) {
        if (appLimitedUntil != 0 && delivered > appLimitedUntil) {
            appLimitedUntil = 0;
        }
        if (priorDelivered < 0) {
            sampleInterval = 0;
            return;
        }
        sampleDelivered = delivered - priorDelivered;
        long interval = Math.max(sendElapsed, ackElapsed);
        sampleInterval = interval >= minRtt && interval > 0 ? interval : 0;
    }

    /** Whether this ACK produced a usable rate sample. */
    boolean hasSample() {
        return sampleInterval > 0;
    }

    /** The sample in bytes per nanosecond; only when {@link #hasSample()}. */
    double sampleRate() {
        return (double) sampleDelivered / sampleInterval;
    }

    boolean sampleAppLimited() {
        return sampleAppLimited;
    }

    /** {@code delivered} when the packet behind this ACK's sample was sent; -1 if nothing acked. */
    long priorDelivered() {
        return priorDelivered;
    }

    /** Bytes newly delivered by this ACK. */
    long newlyDelivered() {
        return delivered - ackStartDelivered;
    }

    /** Bytes delivered since the transfer began. */
    long delivered() {
        return delivered;
    }
}
