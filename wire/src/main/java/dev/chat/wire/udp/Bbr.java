package dev.chat.wire.udp;

/**
 * Model-based congestion control after BBR (draft-cardwell-iccrg-bbr-congestion-control): the
 * sender estimates the bottleneck bandwidth (windowed max of delivery-rate samples over 10 rounds)
 * and the round-trip propagation time (windowed min RTT over 10 s), paces at gain x bandwidth and
 * caps inflight at gain x BDP. Random loss is not a congestion signal here; {@link LossGuard}
 * decides when loss means an overflowing queue. Modes:
 *
 * <pre>
 * STARTUP  (pacing and cwnd gain 2.885: doubles per round = slow start)
 *   -- bandwidth grew < 25% for 3 rounds, or a congested loss epoch -->
 * DRAIN    (pacing gain 1/2.885 until inflight <= BDP) --> PROBE_BW
 * PROBE_BW (cwnd gain 2; pacing gains cycle 1.25, 0.75, 1 x 6, one phase per min RTT)
 * any      -- min RTT not refreshed for 10 s --> PROBE_RTT (cwnd 4 datagrams for 200 ms and a
 *             round) --> PROBE_BW (or STARTUP if the pipe was never filled)
 * </pre>
 *
 * The measured random-loss rate p (the guard's baseline) scales pacing and window by 1/(1-p): the
 * bandwidth samples count delivered bytes only, so without it a path dropping 10% after the
 * bottleneck would be driven at 90% of its rate.
 */
final class Bbr implements CongestionController {
    enum Mode { STARTUP, DRAIN, PROBE_BW, PROBE_RTT }

    static final double HIGH_GAIN = 2.885; // 2 / ln 2
    static final double CWND_GAIN = 2.0;
    static final int BANDWIDTH_ROUNDS = 10;
    static final long MIN_RTT_WINDOW = 10_000_000_000L;
    static final long PROBE_RTT_TIME = 200_000_000L;
    static final int MIN_WINDOW_PACKETS = 4;
    private static final double[] PROBE_BW_GAINS = {1.25, 0.75, 1, 1, 1, 1, 1, 1};
    private static final double FULL_BW_GROWTH = 1.25;
    private static final int FULL_BW_ROUNDS = 3;
    private static final long QUANTUM_TIME = 1_000_000L;
    private static final long NO_RTT_YET = 1_000_000L;
    private static final double MAX_COMPENSATED_LOSS = 0.2;

    private final long maxDatagram;
    private final long minWindow;
    private final long maxWindow;
    private final long initialWindow;
    private final long maxQuantum;
    private final WindowedMax bandwidth = new WindowedMax(BANDWIDTH_ROUNDS);
    private final LossGuard guard;

    private Mode mode = Mode.STARTUP;
    private double pacingGain = HIGH_GAIN;
    private double cwndGain = HIGH_GAIN;
    private double pacingRate;
    private long window;
    private long bytesInFlight;
    private long minRtt = Long.MAX_VALUE;
    private long minRttStamp;
    private long roundCount;
    private long nextRoundDelivered;
    private boolean roundStart;
    private boolean fullBandwidthReached;
    private double fullBandwidth;
    private int fullBandwidthRounds;
    private int cycleIndex;
    private long cycleStamp;
    private long probeRttDone;
    private boolean probeRttRoundDone;
    private long priorWindow;
    private long congestionEvents;
    private long probeRttVisits;

    Bbr(long maxDatagram, int initialWindowPackets, long maxWindow, long burstBytes, long now) {
        this.maxDatagram = maxDatagram;
        this.minWindow = MIN_WINDOW_PACKETS * maxDatagram;
        this.maxWindow = Math.max(maxWindow, minWindow);
        this.initialWindow = Math.min(this.maxWindow, initialWindowPackets * maxDatagram);
        this.maxQuantum = Math.max(burstBytes, 2 * maxDatagram);
        this.window = initialWindow;
        this.pacingRate = HIGH_GAIN * initialWindow / NO_RTT_YET;
        this.minRttStamp = now;
        this.guard = new LossGuard(maxDatagram, now);
    }

    @Override
    public boolean canSend(int bytes) {
        return bytesInFlight + bytes <= window;
    }

    @Override
    public void onSent(int bytes, long now) {
        bytesInFlight += bytes;
    }

    @Override
    public void onAcked(int bytes, long sentTime, long windowLimit) {
        bytesInFlight -= bytes;
    }

    @Override
    public void onDiscarded(int bytes) {
        bytesInFlight -= bytes;
    }

    @Override
    public void onLost(int bytes) {
        bytesInFlight -= bytes;
        guard.onLost(bytes);
    }

    @Override
    public void onCongestionEvent(long sentTime, long now) {
        // a loss alone is no signal: the guard judges the loss rate per epoch
    }

    @Override
    public void onPersistentCongestion() {
        congestionEvents++; // like an RTO: restart from the minimum window, the model stays
        priorWindow = Math.max(priorWindow, window);
        window = minWindow;
    }

    @Override
    public void onAckProcessed(long now, DeliveryRateEstimator rates, long rttSample, long windowLimit) {
        if (rttSample >= 0) {
            guard.onRttSample(rttSample);
            if (bandwidth.best() == 0) {
                pacingRate = HIGH_GAIN * initialWindow / Math.max(rttSample, 1);
            }
        }
        if (rates.priorDelivered() >= 0) {
            updateRound(rates);
            updateBandwidth(rates);
            if (roundStart && guard.onRoundStart(now, rates.delivered(), minRtt, bytesInFlight, compensation())) {
                onCongestedEpoch();
            }
            updateCyclePhase(now);
            checkFullBandwidth(rates);
            checkDrain(now);
        }
        updateMinRtt(now, rttSample, rates);
        updatePacingRate();
        updateWindow(rates.newlyDelivered(), rates.delivered(), windowLimit);
    }

    private void updateRound(DeliveryRateEstimator rates) {
        roundStart = rates.priorDelivered() >= nextRoundDelivered;
        if (roundStart) {
            nextRoundDelivered = rates.delivered();
            roundCount++;
        }
    }

    private void updateBandwidth(DeliveryRateEstimator rates) {
        if (rates.hasSample() && (!rates.sampleAppLimited() || rates.sampleRate() >= bandwidth.best())) {
            bandwidth.update(roundCount, rates.sampleRate());
        }
    }

    private void onCongestedEpoch() {
        congestionEvents++;
        if (mode == Mode.STARTUP) {
            fullBandwidthReached = true; // the queue overflowed: the pipe is full
        }
    }

    private void checkFullBandwidth(DeliveryRateEstimator rates) {
        if (fullBandwidthReached || !roundStart || rates.sampleAppLimited()) {
            return;
        }
        if (bandwidth.best() >= fullBandwidth * FULL_BW_GROWTH) {
            fullBandwidth = bandwidth.best();
            fullBandwidthRounds = 0;
        } else if (++fullBandwidthRounds >= FULL_BW_ROUNDS) {
            fullBandwidthReached = true;
        }
    }

    private void checkDrain(long now) {
        if (mode == Mode.STARTUP && fullBandwidthReached) {
            mode = Mode.DRAIN;
            pacingGain = 1 / HIGH_GAIN;
            cwndGain = HIGH_GAIN;
        }
        if (mode == Mode.DRAIN && bytesInFlight <= inflightTarget(1.0)) {
            enterProbeBandwidth(now);
        }
    }

    private void enterProbeBandwidth(long now) {
        mode = Mode.PROBE_BW;
        cwndGain = CWND_GAIN;
        cycleIndex = 2; // cruise first: the pipe was just drained or probed
        cycleStamp = now;
        pacingGain = PROBE_BW_GAINS[cycleIndex];
    }

    private void updateCyclePhase(long now) {
        if (mode != Mode.PROBE_BW || !isNextPhase(now)) {
            return;
        }
        cycleIndex = (cycleIndex + 1) % PROBE_BW_GAINS.length;
        cycleStamp = now;
        pacingGain = PROBE_BW_GAINS[cycleIndex];
    }

    private boolean isNextPhase(long now) {
        boolean fullLength = now - cycleStamp > minRtt;
        if (pacingGain > 1) {
            // probe until inflight reached the probe's target, or the window stops it
            return fullLength && (bytesInFlight >= inflightTarget(pacingGain) || bytesInFlight + maxDatagram > window);
        }
        if (pacingGain < 1) {
            return fullLength || bytesInFlight <= inflightTarget(1.0);
        }
        return fullLength;
    }

    private void updateMinRtt(long now, long rttSample, DeliveryRateEstimator rates) {
        boolean expired = now - minRttStamp > MIN_RTT_WINDOW;
        if (rttSample >= 0 && (rttSample < minRtt || expired)) {
            minRtt = rttSample;
            minRttStamp = now;
        }
        if (expired && mode != Mode.PROBE_RTT) {
            mode = Mode.PROBE_RTT;
            probeRttVisits++;
            pacingGain = 1;
            cwndGain = 1;
            priorWindow = Math.max(priorWindow, window);
            probeRttDone = 0;
        }
        if (mode == Mode.PROBE_RTT) {
            rates.onAppLimited(bytesInFlight); // samples at 4 datagrams say nothing of the bottleneck
            runProbeRtt(now, rates);
        }
    }

    private void runProbeRtt(long now, DeliveryRateEstimator rates) {
        if (probeRttDone == 0) {
            if (bytesInFlight <= minWindow) {
                probeRttDone = now + PROBE_RTT_TIME;
                probeRttRoundDone = false;
                nextRoundDelivered = rates.delivered();
            }
            return;
        }
        probeRttRoundDone |= roundStart;
        if (probeRttRoundDone && now >= probeRttDone) {
            minRttStamp = now;
            window = Math.max(window, priorWindow);
            priorWindow = 0;
            if (fullBandwidthReached) {
                enterProbeBandwidth(now);
            } else {
                mode = Mode.STARTUP;
                pacingGain = HIGH_GAIN;
                cwndGain = HIGH_GAIN;
            }
        }
    }

    private void updatePacingRate() {
        if (bandwidth.best() == 0) {
            return;
        }
        double rate = pacingGain * bandwidth.best() * compensation();
        if (fullBandwidthReached || rate > pacingRate) {
            pacingRate = rate;
        }
    }

    private void updateWindow(long acked, long delivered, long windowLimit) {
        if (acked > 0) {
            long target = inflightTarget(cwndGain);
            if (fullBandwidthReached) {
                window = Math.min(window + acked, target);
            } else if (window < target || delivered < initialWindow) {
                window += acked;
            }
        }
        window = Math.max(window, minWindow);
        window = Math.min(window, Math.min(guard.inflightHi(), maxWindow));
        window = Math.max(Math.min(window, windowLimit), minWindow);
        if (mode == Mode.PROBE_RTT) {
            window = Math.min(window, minWindow);
        }
    }

    /** gain x BDP, scaled for random loss, plus a few pacing quanta for ack and send bunching. */
    private long inflightTarget(double gain) {
        if (minRtt == Long.MAX_VALUE || bandwidth.best() == 0) {
            return initialWindow;
        }
        double bdp = bandwidth.best() * minRtt;
        long quantum = Math.min(maxQuantum, Math.max(2 * maxDatagram, (long) (pacingRate * QUANTUM_TIME)));
        return (long) (gain * bdp * compensation()) + 3 * quantum;
    }

    /**
     * 1 / (1 - p) for the random loss rate p the guard measured, p capped at 20%: a newcomer whose
     * min RTT already includes a full queue cannot see that its loss is congestive, and an uncapped
     * compensation would let it crowd out the flows that can.
     */
    private double compensation() {
        return 1 / (1 - Math.min(guard.baseline(), MAX_COMPENSATED_LOSS));
    }

    @Override
    public double pacingRate(RttEstimator rtt) {
        return pacingRate;
    }

    @Override
    public long window() {
        return window;
    }

    @Override
    public long bytesInFlight() {
        return bytesInFlight;
    }

    @Override
    public long congestionEvents() {
        return congestionEvents;
    }

    Mode mode() {
        return mode;
    }

    double bottleneckBandwidth() {
        return bandwidth.best();
    }

    long minRtt() {
        return minRtt;
    }

    long probeRttVisits() {
        return probeRttVisits;
    }

    LossGuard guard() {
        return guard;
    }
}
