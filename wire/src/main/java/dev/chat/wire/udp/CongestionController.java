package dev.chat.wire.udp;

/**
 * What loss recovery tells a congestion controller and asks of it. Sizes are whole datagram
 * bytes, times nanos. Two implementations: {@link NewReno} (loss-based, halves on every loss
 * episode) and {@link Bbr} (model-based: delivery rate and minimum RTT, tolerant of random loss).
 * Each keeps its own count of bytes in flight.
 */
interface CongestionController {
    /** Whether a datagram of {@code bytes} fits in the window now. */
    boolean canSend(int bytes);

    void onSent(int bytes, long now);

    /**
     * A packet in flight was acknowledged. {@code windowLimit} caps growth: a window far above what
     * flow control lets the sender use would only grow from acks of a non-full pipe (RFC 9002 §7.8).
     */
    void onAcked(int bytes, long sentTime, long windowLimit);

    /** Removes a packet from flight without a congestion signal (its data was acked by a copy). */
    void onDiscarded(int bytes);

    /** A packet in flight was declared lost. */
    void onLost(int bytes);

    /** Losses were detected; the latest lost packet was sent at {@code sentTime}. */
    void onCongestionEvent(long sentTime, long now);

    /** RFC 9002 §7.6: a run of losses spanning more than 3 PTOs with nothing acked between. */
    void onPersistentCongestion();

    /**
     * Called once per ACK, after its acknowledgements and the loss detection it triggered, with the
     * delivery-rate sample it produced and the RTT sample it gave (-1 if none).
     */
    default void onAckProcessed(long now, DeliveryRateEstimator rates, long rttSample, long windowLimit) {}

    /** Pacing rate in bytes per nanosecond. */
    double pacingRate(RttEstimator rtt);

    long window();

    long bytesInFlight();

    /** Reductions of the window in response to congestion. */
    long congestionEvents();
}
