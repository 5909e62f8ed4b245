package dev.chat.wire.udp;

/**
 * The sender's reliability core, after RFC 9002: which chunk to send next (retransmissions
 * first, then new data within the congestion and receive windows, paced), what an ACK
 * acknowledges, which packets are lost (packet threshold 3, time threshold 9/8 RTT), and the
 * probe timeout with exponential backoff. Pure: all times are nanos passed in.
 */
final class LossRecovery {
    static final int PACKET_THRESHOLD = 3;
    private static final int MAX_BACKOFF_SHIFT = 20;

    private final ChunkGeometry geometry;
    private final long peerMaxAckDelay;
    private final long maxProbeTimeout;
    private final int maxDatagram;
    final SentPacketLog log = new SentPacketLog();
    final ChunkWindow chunks = new ChunkWindow();
    final RttEstimator rtt;
    final CongestionController cc;
    final DeliveryRateEstimator rates;
    private final Pacer pacer;

    private long largestAcked = -1;
    private long lossTime;
    private int ptoCount;
    private long lastAckElicitingSent;
    private int probesPending;
    private long probeCursor;

    long bytesAcked;
    long packetsSent;
    long retransmissions;
    long lostPackets;
    long probeTimeouts;

    LossRecovery(ChunkGeometry geometry, RudpConfig config, long peerMaxAckDelay, long firstPacket, long now) {
        log.startAt(firstPacket);
        this.geometry = geometry;
        this.peerMaxAckDelay = peerMaxAckDelay;
        this.maxProbeTimeout = config.maxProbeTimeout().toNanos();
        this.maxDatagram = geometry.payload() + RudpWire.DATA_OVERHEAD;
        this.rtt = new RttEstimator(config.initialRtt().toNanos(), config.timerGranularity().toNanos());
        long burst = (long) config.pacingBurstPackets() * maxDatagram;
        this.cc = switch (config.congestionControl()) {
            case BBR -> new Bbr(maxDatagram, config.initialWindowPackets(), config.maxWindow(), burst, now);
            case NEWRENO -> new NewReno(maxDatagram, config.initialWindowPackets(), config.maxWindow());
        };
        this.rates = new DeliveryRateEstimator(log, now);
        this.pacer = new Pacer(burst, now);
    }

    boolean allAcked() {
        return chunks.cumulative() == geometry.chunkCount();
    }

    long cumulativeOffset() {
        return geometry.offsetOf(chunks.cumulative());
    }

    // ---- sending

    /**
     * The chunk to send now, or -1 when nothing may leave at {@code now} (nothing to send, window
     * full or pacing). {@link #isProbe} tells whether it bypasses the windows as a PTO probe.
     */
    long nextChunk(long now, long peerWindow) {
        if (probesPending > 0) {
            long c = probeChunk(peerWindow);
            if (c >= 0) {
                return c;
            }
            probesPending = 0;
        }
        long c = candidate(peerWindow);
        if (c < 0) {
            rates.onAppLimited(cc.bytesInFlight()); // nothing to send: rate samples would understate
            return -1;
        }
        if (!cc.canSend(datagramSize(c))) {
            return -1;
        }
        return pacer.nextSendTime(now, datagramSize(c), cc.pacingRate(rtt)) <= now ? c : -1;
    }

    boolean isProbe() {
        return probesPending > 0;
    }

    /** When {@link #nextChunk} may next return a chunk, ignoring timers; MAX_VALUE if on acks. */
    long nextSendTime(long now, long peerWindow) {
        if (probesPending > 0) {
            return now;
        }
        long c = candidate(peerWindow);
        if (c < 0 || !cc.canSend(datagramSize(c))) {
            return Long.MAX_VALUE;
        }
        return pacer.nextSendTime(now, datagramSize(c), cc.pacingRate(rtt));
    }

    private long candidate(long peerWindow) {
        if (chunks.hasRetransmission()) {
            return chunks.peekRetransmission();
        }
        long c = chunks.nextNew();
        if (c >= geometry.chunkCount()) {
            return -1;
        }
        long end = geometry.offsetOf(c) + geometry.lengthOf(c);
        boolean inWindow = end - cumulativeOffset() <= peerWindow || cc.bytesInFlight() == 0;
        return inWindow ? c : -1;
    }

    private long probeChunk(long peerWindow) {
        long c = chunks.firstUnacked(probeCursor);
        if (c < 0) {
            c = chunks.firstUnacked(0);
        }
        if (c >= 0) {
            probeCursor = c + 1;
            return c;
        }
        return candidate(peerWindow);
    }

    /** Records that chunk {@code c} left in a datagram now; returns its packet number. */
    long onSent(long c, long now) {
        int size = datagramSize(c);
        long pn = log.add(now, c, size, SentPacketLog.IN_FLIGHT);
        rates.onSent(pn, now, cc.bytesInFlight());
        if (c == chunks.nextNew()) {
            chunks.openNext(pn);
        } else {
            if (chunks.hasRetransmission() && chunks.peekRetransmission() == c) {
                chunks.pollRetransmission();
            }
            chunks.setLastPacket(c, pn);
            retransmissions++;
        }
        if (probesPending > 0) {
            probesPending--;
        }
        cc.onSent(size, now);
        pacer.onSent(now, size, cc.pacingRate(rtt));
        lastAckElicitingSent = now;
        packetsSent++;
        return pn;
    }

    int datagramSize(long chunk) {
        return geometry.lengthOf(chunk) + RudpWire.DATA_OVERHEAD;
    }

    // ---- acknowledgements

    /**
     * Applies a parsed ACK; false when it is a protocol violation: it acknowledges a byte or a
     * packet number that was never sent (PROTOCOL.md §16.8.3).
     */
    boolean onAck(DatagramReader r, long now, long peerWindow) {
        long sentEnd = Math.min(geometry.fileSize(), geometry.offsetOf(chunks.nextNew()));
        if (r.cumulative < geometry.startOffset() || r.cumulative > sentEnd
                || r.largestPacket >= log.next()
                || (r.rangeCount > 0 && r.rangeEnd[r.rangeCount - 1] > sentEnd)) {
            return false;
        }
        long rttSample = -1;
        if (r.largestPacket > largestAcked) {
            largestAcked = r.largestPacket;
            if (log.contains(largestAcked) && log.state(largestAcked) != SentPacketLog.CONTROL) {
                rttSample = now - log.sentTime(largestAcked);
                rtt.onSample(rttSample, r.ackDelayMicros * 1000, peerMaxAckDelay);
            }
        }
        rates.beginAck();
        long growthLimit = 2 * (peerWindow / geometry.payload() + 1) * maxDatagram;
        boolean progress = ackChunks(chunks.cumulative(), geometry.chunksBelow(r.cumulative), growthLimit, now);
        for (int i = 0; i < r.rangeCount; i++) {
            long from = geometry.firstChunkFrom(r.rangeStart[i]);
            progress |= ackChunks(from, geometry.chunksBelow(r.rangeEnd[i]), growthLimit, now);
        }
        chunks.advance();
        if (progress) {
            ptoCount = 0;
        }
        detectLoss(now);
        rates.endAck(rtt.min());
        cc.onAckProcessed(now, rates, rttSample, growthLimit);
        return true;
    }

    private boolean ackChunks(long from, long to, long growthLimit, long now) {
        boolean progress = false;
        for (long c = Math.max(from, chunks.cumulative()); c < Math.min(to, chunks.nextNew()); c++) {
            if (!chunks.markAcked(c)) {
                continue;
            }
            progress = true;
            bytesAcked += geometry.lengthOf(c);
            long pn = chunks.lastPacket(c);
            if (!log.contains(pn)) {
                continue;
            }
            byte state = log.state(pn);
            if (state == SentPacketLog.IN_FLIGHT || state == SentPacketLog.LOST) {
                rates.onAcked(pn, now); // a packet declared lost that arrived after all still delivered
            }
            if (state == SentPacketLog.IN_FLIGHT) {
                log.setState(pn, SentPacketLog.ACKED);
                cc.onAcked(log.size(pn), log.sentTime(pn), growthLimit);
            }
        }
        return progress;
    }

    // ---- loss detection and timers

    /** RFC 9002 §6.1: declares lost what the packet or time threshold says, arms the loss timer. */
    void detectLoss(long now) {
        lossTime = 0;
        if (largestAcked < 0) {
            return;
        }
        long lossDelay = rtt.lossDelay();
        long lostSendTime = now - lossDelay;
        long persistentSpan = rtt.persistentCongestionDuration(peerMaxAckDelay);
        long largestLostSent = Long.MIN_VALUE;
        long runStart = Long.MIN_VALUE;
        boolean persistent = false;
        long last = Math.min(largestAcked, log.next() - 1);
        for (long pn = log.base(); pn <= last; pn++) {
            byte state = log.state(pn);
            if (state != SentPacketLog.IN_FLIGHT) {
                if (state == SentPacketLog.ACKED) {
                    runStart = Long.MIN_VALUE;
                }
                continue;
            }
            long c = log.chunk(pn);
            long sent = log.sentTime(pn);
            if (chunks.isAcked(c)) {
                log.setState(pn, SentPacketLog.ACKED); // a copy of this chunk got through
                cc.onDiscarded(log.size(pn));
                runStart = Long.MIN_VALUE;
            } else if (sent <= lostSendTime || largestAcked >= pn + PACKET_THRESHOLD) {
                markLost(pn, c);
                largestLostSent = Math.max(largestLostSent, sent);
                runStart = runStart == Long.MIN_VALUE ? sent : runStart;
                persistent |= rtt.hasSample() && sent - runStart > persistentSpan;
            } else {
                long when = sent + lossDelay;
                lossTime = lossTime == 0 ? when : Math.min(lossTime, when);
            }
        }
        log.trim();
        if (largestLostSent != Long.MIN_VALUE) {
            cc.onCongestionEvent(largestLostSent, now);
        }
        if (persistent) {
            cc.onPersistentCongestion();
        }
    }

    private void markLost(long pn, long chunk) {
        log.setState(pn, SentPacketLog.LOST);
        cc.onLost(log.size(pn));
        lostPackets++;
        if (chunks.lastPacket(chunk) == pn) {
            chunks.queueRetransmission(chunk);
        }
    }

    /** The loss or probe timer, whichever is armed; MAX_VALUE when none is. */
    long timerDeadline() {
        if (lossTime != 0) {
            return lossTime;
        }
        if (cc.bytesInFlight() <= 0) {
            return Long.MAX_VALUE;
        }
        return lastAckElicitingSent + probeTimeout();
    }

    /** The current probe timeout: backed off by 2^ptoCount, capped. */
    long probeTimeout() {
        long base = rtt.probeTimeout(peerMaxAckDelay);
        return Math.min(maxProbeTimeout, base << Math.min(ptoCount, MAX_BACKOFF_SHIFT));
    }

    /** Runs the loss or probe timer if it is due. */
    void onTimers(long now) {
        if (lossTime != 0) {
            if (now >= lossTime) {
                detectLoss(now);
            }
            return;
        }
        if (cc.bytesInFlight() > 0 && now >= timerDeadline()) {
            discardAckedInFlight();
            if (cc.bytesInFlight() > 0) {
                ptoCount++;
                probeTimeouts++;
                probesPending = 2;
                probeCursor = chunks.cumulative();
            }
        }
    }

    /** Takes copies of acked chunks out of flight, so a PTO never probes for them. */
    private void discardAckedInFlight() {
        for (long pn = log.base(); pn < log.next(); pn++) {
            if (log.state(pn) == SentPacketLog.IN_FLIGHT && chunks.isAcked(log.chunk(pn))) {
                log.setState(pn, SentPacketLog.ACKED);
                cc.onDiscarded(log.size(pn));
            }
        }
        log.trim();
    }

    int ptoCount() {
        return ptoCount;
    }

    /** Frees the per-packet and per-chunk arrays (the transfer is over). */
    void release() {
        log.clear();
        chunks.clear();
        probesPending = 0;
        lossTime = 0;
    }
}
