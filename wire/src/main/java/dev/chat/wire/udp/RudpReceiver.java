package dev.chat.wire.udp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * The receiving side of one reliable-UDP file transfer (the client's side): a pure state machine
 * driven like {@link RudpSender}. It sends the handshake, writes each new chunk to the
 * {@link ChunkSink} at its offset as soon as it arrives (positional writes, so out-of-order data
 * needs no reassembly buffer: memory is the set of received ranges, bounded by the window), and
 * acknowledges: at once for out-of-order, gap-filling, duplicate or final data, else every second
 * datagram or after {@link RudpConfig#maxAckDelay()}.
 *
 * <p>States: HANDSHAKING -> RECEIVING -> DONE (all bytes written and the sender's CLOSE answered,
 * or the sender went silent after the last byte), or FAILED from any. A DONE receiver still
 * answers a repeated CLOSE if fed one, but need not be kept: the sender counts a transfer whose
 * bytes are all acknowledged as done without the CLOSE_ACK (PROTOCOL.md §16.8.2, lingering).
 *
 * <p>Not thread-safe: one thread (the client's UDP loop) owns it.
 */
public final class RudpReceiver {
    public enum State { HANDSHAKING, RECEIVING, DONE, FAILED }

    private static final int ACK_EVERY = 2;

    private final RudpConfig config;
    private final long connectionId;
    /** RETRYs accepted at most: the daemon sends one; a few more cover an expired cookie. */
    private static final int MAX_RETRIES = 4;

    private final long startOffset;
    private final long idleTimeout;
    private final long maxAckDelay;
    private final DatagramReader reader;
    private final DatagramWriter writer;
    private final RangeSet ranges = new RangeSet();
    private final long[] sackStarts;
    private final long[] sackEnds;
    private ChunkSink sink;

    private State state = State.HANDSHAKING;
    private TransferFailure failure;
    private FailureReason resetPending;
    private boolean closeAckPending;
    private long lastHeard;
    private long lastNow;
    private long nextPacket;
    private long handshakeDue;
    private int handshakeAttempts;
    /** The daemon's latest retry cookie, echoed in every HANDSHAKE after it; null before any. */
    private byte[] cookie;
    private int retries;
    private long lastRetryPacket = -1;

    private ChunkGeometry geometry;
    private long cumulative;
    private long largestPacket = -1;
    private long largestReceivedAt;
    /** Offset of the latest chunk accepted above a gap: its range always goes in the next ACK. */
    private long latestOutOfOrder = -1;
    private boolean ackPending;
    private boolean ackNow;
    private int unacked;
    private long ackDue = Long.MAX_VALUE;

    private long bytesReceived;
    private long dataPackets;
    private long duplicates;
    private long outOfOrder;
    private long acksSent;
    private long droppedDatagrams;
    private long unauthenticated;
    private long beyondWindow;

    /**
     * A receiver that will ask for the file from {@code startOffset} on (resume) at the first poll,
     * sealing and opening under {@code keys} (from {@code download_ready.key}).
     */
    public RudpReceiver(RudpConfig config, long connectionId, RudpKeys keys, long startOffset,
            ChunkSink sink, long now) {
        if (connectionId == RudpWire.NO_CONNECTION || startOffset < 0) {
            throw new IllegalArgumentException("connection id 0 or negative start offset");
        }
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(keys, "keys");
        this.reader = DatagramReader.fromSender(keys);
        this.writer = DatagramWriter.toSender(keys);
        this.sink = Objects.requireNonNull(sink, "sink");
        this.connectionId = connectionId;
        this.startOffset = startOffset;
        this.cumulative = startOffset;
        this.idleTimeout = config.idleTimeout().toNanos();
        this.maxAckDelay = config.maxAckDelay().toNanos();
        this.sackStarts = new long[config.maxSackRanges()];
        this.sackEnds = new long[config.maxSackRanges()];
        this.lastHeard = now;
        this.lastNow = now;
        this.handshakeDue = now;
    }

    /**
     * Feeds one received datagram (position to limit). A DATA payload is handed to the sink as a
     * view of {@code datagram}; its position and limit are restored afterwards.
     */
    public void onDatagram(ByteBuffer datagram, long now) {
        lastNow = now;
        if (state == State.FAILED) {
            return;
        }
        ParseStatus status = reader.parse(datagram);
        if (status != ParseStatus.OK || reader.connectionId != connectionId) {
            droppedDatagrams++;
            if (status == ParseStatus.UNAUTHENTICATED) {
                unauthenticated++; // forged, corrupt or under another key: changes nothing, earns nothing
            }
            return;
        }
        if (state == State.DONE) {
            closeAckPending |= reader.type == PacketType.CLOSE; // our close-ack was lost
            return;
        }
        switch (reader.type) {
            case HANDSHAKE_ACK -> onHandshakeAck(now);
            case RETRY -> onRetry(now);
            case DATA -> {
                if (state == State.RECEIVING) {
                    lastHeard = now;
                    onData(datagram, now);
                } else {
                    droppedDatagrams++; // before the handshake-ack we cannot place it
                }
            }
            case CLOSE -> onClose(now);
            case RESET -> fail(FailureReason.fromCode(reader.resetCode), true);
            default -> droppedDatagrams++;
        }
    }

    private void onHandshakeAck(long now) {
        lastHeard = now;
        if (state != State.HANDSHAKING) {
            return; // a duplicate
        }
        if (reader.startOffset != startOffset || reader.payloadSize > config.payloadSize()) {
            fail(FailureReason.PROTOCOL_VIOLATION, false);
            return;
        }
        geometry = new ChunkGeometry(startOffset, reader.fileSize, reader.payloadSize);
        state = State.RECEIVING;
    }

    /**
     * The daemon wants proof that we receive at our address: echo its cookie in a HANDSHAKE at
     * once. Only a newer RETRY than the last counts (a replayed old one cannot bring back an
     * expired cookie), and only a few.
     */
    private void onRetry(long now) {
        if (state != State.HANDSHAKING || reader.packetNumber <= lastRetryPacket || retries >= MAX_RETRIES) {
            droppedDatagrams++;
            return;
        }
        lastHeard = now;
        lastRetryPacket = reader.packetNumber;
        retries++;
        cookie = reader.cookie.clone();
        handshakeDue = now;
    }

    private void onData(ByteBuffer datagram, long now) {
        long offset = reader.offset;
        int length = reader.payloadLength;
        long end = offset + length;
        if (!geometry.isChunk(offset, length)) {
            fail(FailureReason.PROTOCOL_VIOLATION, false);
            return;
        }
        dataPackets++;
        ackPending = true;
        if (end > cumulative + config.receiveWindow()) {
            beyondWindow++;
            ackNow = true;
            return;
        }
        if (reader.packetNumber > largestPacket) {
            largestPacket = reader.packetNumber;
            largestReceivedAt = now;
        }
        if (end <= cumulative || ranges.contains(offset, end)) {
            duplicates++;
            ackNow = true; // the sender may have missed our ack: repeat it at once
            return;
        }
        if (!write(datagram, offset, length)) {
            return;
        }
        bytesReceived += length;
        accept(offset, end);
        if (++unacked >= ACK_EVERY || cumulative == geometry.fileSize()) {
            ackNow = true;
        }
        if (!ackNow && ackDue == Long.MAX_VALUE) {
            ackDue = now + maxAckDelay;
        }
    }

    private boolean write(ByteBuffer datagram, long offset, int length) {
        int position = datagram.position();
        int limit = datagram.limit();
        datagram.limit(reader.payloadPosition + length).position(reader.payloadPosition);
        try {
            sink.write(offset, datagram);
            return true;
        } catch (IOException | RuntimeException e) {
            fail(FailureReason.IO_ERROR, false);
            return false;
        } finally {
            datagram.limit(limit).position(position);
        }
    }

    private void accept(long offset, long end) {
        if (offset != cumulative) {
            outOfOrder++;
            ranges.add(offset, end);
            latestOutOfOrder = offset;
            ackNow = true; // a gap: tell the sender now (it drives fast retransmit)
            return;
        }
        cumulative = end;
        if (ranges.size() > 0) {
            ackNow = true; // filled (part of) a gap
            long rangeEnd;
            while ((rangeEnd = ranges.removeFirstIfStartsBy(cumulative)) >= 0) {
                cumulative = Math.max(cumulative, rangeEnd);
            }
        }
    }

    private void onClose(long now) {
        lastHeard = now;
        if (state != State.RECEIVING) {
            droppedDatagrams++;
            return;
        }
        if (cumulative != geometry.fileSize() || reader.fileSize != geometry.fileSize()) {
            fail(FailureReason.PROTOCOL_VIOLATION, false); // the sender thinks we have bytes we lack
            return;
        }
        closeAckPending = true;
        finish();
    }

    /**
     * Writes the next datagram to send at {@code now} into {@code out} (cleared, then flipped) and
     * returns true, or returns false when nothing is to be sent now.
     */
    public boolean poll(long now, ByteBuffer out) {
        lastNow = now;
        if (resetPending == null) {
            runTimers(now);
        }
        if (resetPending != null) {
            writer.reset(out, connectionId, nextPacket++, resetPending);
            resetPending = null;
            return true;
        }
        if (closeAckPending) {
            closeAckPending = false;
            writer.closeAck(out, connectionId, nextPacket++);
            return true;
        }
        if (state == State.HANDSHAKING && now >= handshakeDue) {
            writer.handshake(out, connectionId, nextPacket++, startOffset, config.receiveWindow(),
                    config.payloadSize(), maxAckDelay / 1000, cookie);
            handshakeAttempts++;
            handshakeDue = now + handshakeTimeout();
            return true;
        }
        if (state == State.RECEIVING && ackPending && (ackNow || now >= ackDue)) {
            writeAck(now, out);
            return true;
        }
        return false;
    }

    /** RFC 9002's first PTO (3 x initial RTT), doubled per attempt, capped like the sender's. */
    private long handshakeTimeout() {
        long first = 3 * config.initialRtt().toNanos();
        long max = Math.max(first, config.maxProbeTimeout().toNanos());
        return Math.min(max, first << Math.min(handshakeAttempts - 1, 20));
    }

    private void runTimers(long now) {
        if (state == State.DONE || state == State.FAILED || now - lastHeard < idleTimeout) {
            return;
        }
        if (state == State.RECEIVING && cumulative == geometry.fileSize()) {
            finish(); // every byte is here; the sender's CLOSE never came
        } else {
            fail(FailureReason.PEER_TIMEOUT, false);
        }
    }

    /**
     * With more ranges than fit, an ACK carries the lowest ones (they hold back the window) and the
     * one holding the latest arrival (RFC 2018's first-block rule), so that every range is
     * reported at least once while the sender's scoreboard remembers it.
     */
    private void writeAck(long now, ByteBuffer out) {
        int count = Math.min(ranges.size(), sackStarts.length);
        for (int i = 0; i < count; i++) {
            sackStarts[i] = ranges.start(i);
            sackEnds[i] = ranges.end(i);
        }
        int latest = ranges.floor(latestOutOfOrder);
        if (ranges.size() > count && latest >= count) {
            sackStarts[count - 1] = ranges.start(latest);
            sackEnds[count - 1] = ranges.end(latest);
        }
        long delayMicros = largestPacket < 0 ? 0 : (now - largestReceivedAt) / 1000;
        writer.ack(out, connectionId, nextPacket++, cumulative, Math.max(largestPacket, 0), delayMicros,
                config.receiveWindow(), ranges.size() > count, sackStarts, sackEnds, count);
        acksSent++;
        ackPending = false;
        ackNow = false;
        unacked = 0;
        ackDue = Long.MAX_VALUE;
    }

    /** When {@link #poll} must next be called even if nothing arrives; see {@link RudpSender#nextDeadline()}. */
    public long nextDeadline() {
        if (resetPending != null || closeAckPending) {
            return lastNow;
        }
        long idle = lastHeard + idleTimeout;
        return switch (state) {
            case HANDSHAKING -> Math.min(idle, handshakeDue);
            case RECEIVING -> Math.min(idle, !ackPending ? Long.MAX_VALUE : ackNow ? lastNow : ackDue);
            case DONE, FAILED -> Long.MAX_VALUE;
        };
    }

    /** Gives up: the next {@link #poll} yields a RESET(ABORTED) for the sender. */
    public void abort() {
        if (!isDone()) {
            fail(FailureReason.ABORTED, false);
        }
    }

    private void fail(FailureReason reason, boolean byPeer) {
        state = State.FAILED;
        failure = new TransferFailure(reason, byPeer);
        if (!byPeer && reason != FailureReason.PEER_TIMEOUT) {
            resetPending = reason;
        }
        release();
    }

    private void finish() {
        state = State.DONE;
        release();
    }

    private void release() {
        ranges.clear();
        sink = null;
        ackPending = false;
    }

    /** True once the transfer is over, successfully ({@link #failure()} empty) or not. */
    public boolean isDone() {
        return state == State.DONE || state == State.FAILED;
    }

    /** True once every byte from the start offset to the end of the file is in the sink. */
    public boolean isComplete() {
        return geometry != null && cumulative == geometry.fileSize();
    }

    public Optional<TransferFailure> failure() {
        return Optional.ofNullable(failure);
    }

    public State state() {
        return state;
    }

    public long connectionId() {
        return connectionId;
    }

    /** The file's size as the sender announced it, or -1 before the handshake completes. */
    public long fileSize() {
        return geometry == null ? -1 : geometry.fileSize();
    }

    public ReceiverStats stats() {
        long total = geometry == null ? -1 : geometry.fileSize() - startOffset;
        return new ReceiverStats(bytesReceived, total, dataPackets, duplicates, outOfOrder, acksSent,
                droppedDatagrams, beyondWindow);
    }

    /** Datagrams dropped because their tag did not verify (included in the dropped count). */
    public long unauthenticated() {
        return unauthenticated;
    }

    /** Out-of-order ranges held (0 once the transfer is over). */
    int heldRanges() {
        return ranges.size();
    }
}
