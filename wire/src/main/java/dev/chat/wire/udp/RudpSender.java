package dev.chat.wire.udp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * The sending side of one reliable-UDP file transfer (the daemon's side): a pure state machine.
 * Datagrams and the time go in ({@link #onDatagram}), datagrams to send come out ({@link #poll}),
 * and {@link #nextDeadline()} says when it next needs {@code poll} even if nothing arrives.
 *
 * <p>Driving loop: after every {@code onDatagram} and whenever {@code nextDeadline()} passes, call
 * {@code poll} until it returns false, sending each datagram it produces to the peer. Stop when
 * {@link #isDone()}. States: AWAIT_HANDSHAKE -> SENDING -> CLOSING -> DONE, or FAILED from any.
 *
 * <p>Not thread-safe: one thread (the daemon's UDP endpoint loop) owns it.
 */
public final class RudpSender {
    public enum State { AWAIT_HANDSHAKE, SENDING, CLOSING, DONE, FAILED }

    private static final int MAX_CLOSE_ATTEMPTS = 6;
    /**
     * Bounds the HANDSHAKE_ACKs owed between two polls. Each answers one HANDSHAKE of the peer that
     * claimed the transfer and is smaller than it, so the bound only caps memory of a burst.
     */
    private static final int MAX_PENDING_HANDSHAKE_ACKS = 64;

    private final RudpConfig config;
    private final long connectionId;
    private final long fileSize;
    private final long idleTimeout;
    private final DatagramReader reader;
    private final DatagramWriter writer;
    private ChunkSource source;

    private State state = State.AWAIT_HANDSHAKE;
    private TransferFailure failure;
    private FailureReason resetPending;
    /** HANDSHAKE_ACKs owed: one per valid HANDSHAKE, however many arrive between two polls. */
    private int handshakeAcksPending;
    private long lastHeard;
    private long lastNow;

    private ChunkGeometry geometry;
    private LossRecovery recovery;
    private long peerWindow;
    private long firstDataPacket;
    private long controlPackets;
    private long closeDue;
    private int closeAttempts;
    private long droppedDatagrams;
    private long unauthenticated;

    /**
     * A sender for {@code fileSize} bytes of {@code source}, waiting for the receiver's handshake
     * for {@code connectionId}, sealed under {@code keys}. Address validation (RETRY) is the
     * endpoint's business, before it creates the sender (PROTOCOL.md §16.8.2).
     */
    public RudpSender(RudpConfig config, long connectionId, RudpKeys keys, ChunkSource source,
            long fileSize, long now) {
        if (connectionId == RudpWire.NO_CONNECTION || fileSize < 0) {
            throw new IllegalArgumentException("connection id 0 or negative file size");
        }
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(keys, "keys");
        this.reader = DatagramReader.fromReceiver(keys);
        this.writer = DatagramWriter.toReceiver(keys);
        this.source = Objects.requireNonNull(source, "source");
        this.connectionId = connectionId;
        this.fileSize = fileSize;
        this.idleTimeout = config.idleTimeout().toNanos();
        this.lastHeard = now;
        this.lastNow = now;
    }

    /** Feeds one received datagram (position to limit; the buffer is not kept). */
    public void onDatagram(ByteBuffer datagram, long now) {
        lastNow = now;
        if (isDone()) {
            return;
        }
        ParseStatus status = reader.parse(datagram);
        if (status != ParseStatus.OK) {
            droppedDatagrams++;
            if (status == ParseStatus.UNAUTHENTICATED) {
                unauthenticated++; // forged, corrupt or under another key: changes nothing, earns nothing
            }
            return;
        }
        if (reader.connectionId != connectionId) {
            droppedDatagrams++;
            return;
        }
        switch (reader.type) {
            case HANDSHAKE -> onHandshake(now);
            case ACK -> {
                lastHeard = now;
                if (state == State.SENDING) {
                    onAck(now);
                }
            }
            case CLOSE_ACK -> {
                lastHeard = now;
                if (state == State.CLOSING) {
                    finish();
                }
            }
            case RESET -> fail(FailureReason.fromCode(reader.resetCode), true);
            default -> droppedDatagrams++; // receiver-bound types: not for us
        }
    }

    private void onHandshake(long now) {
        lastHeard = now;
        if (state != State.AWAIT_HANDSHAKE) {
            if (geometry.startOffset() == reader.startOffset && handshakeAcksPending < MAX_PENDING_HANDSHAKE_ACKS) {
                handshakeAcksPending++; // our ack was lost, or crossed this repeat: answer each one
            }
            return;
        }
        if (reader.startOffset > fileSize) {
            fail(FailureReason.BAD_OFFSET, false);
            return;
        }
        int payload = Math.min(config.payloadSize(), reader.maxPayload);
        geometry = new ChunkGeometry(reader.startOffset, fileSize, payload);
        peerWindow = reader.receiveWindow;
        recovery = new LossRecovery(geometry, config, reader.maxAckDelayMicros * 1000, controlPackets, now);
        handshakeAcksPending = 1;
        firstDataPacket = controlPackets + 1;
        state = State.SENDING;
        if (recovery.allAcked()) {
            enterClosing(now); // nothing to send: an empty file or a resume at its end
        }
    }

    private void onAck(long now) {
        // A window below one chunk would stall both peers (§16.8.4); acking unsent data is a lie.
        if (reader.receiveWindow < geometry.payload() || !recovery.onAck(reader, now, peerWindow)) {
            fail(FailureReason.PROTOCOL_VIOLATION, false);
            return;
        }
        peerWindow = reader.receiveWindow; // constant per receiver, so reordering cannot hurt
        if (recovery.allAcked()) {
            enterClosing(now);
        }
    }

    private void enterClosing(long now) {
        state = State.CLOSING;
        closeDue = now;
        closeAttempts = 0;
    }

    /**
     * Writes the next datagram to send at {@code now} into {@code out} (cleared, then flipped:
     * ready to send) and returns true, or returns false when nothing is to be sent now.
     * {@code out} needs {@link RudpConfig#maxDatagramSize()} bytes of capacity.
     */
    public boolean poll(long now, ByteBuffer out) {
        lastNow = now;
        if (resetPending == null) {
            runTimers(now);
        }
        if (resetPending != null) {
            writer.reset(out, connectionId, nextControlPacket(now), resetPending);
            resetPending = null;
            return true;
        }
        if (handshakeAcksPending > 0 && (state == State.SENDING || state == State.CLOSING)) {
            handshakeAcksPending--;
            writer.handshakeAck(out, connectionId, nextControlPacket(now), fileSize, geometry.startOffset(),
                    geometry.payload(), firstDataPacket);
            return true;
        }
        return switch (state) {
            case SENDING -> sendData(now, out);
            case CLOSING -> sendClose(now, out);
            default -> false;
        };
    }

    private void runTimers(long now) {
        if (isDone()) {
            return;
        }
        if (now - lastHeard >= idleTimeout) {
            if (state == State.CLOSING) {
                finish(); // every byte is acked; only the close handshake went unanswered
            } else {
                fail(FailureReason.PEER_TIMEOUT, false);
            }
            return;
        }
        if (state == State.SENDING) {
            recovery.onTimers(now);
        }
    }

    private boolean sendData(long now, ByteBuffer out) {
        long chunk = recovery.nextChunk(now, peerWindow);
        if (chunk < 0) {
            return false;
        }
        long offset = geometry.offsetOf(chunk);
        int length = geometry.lengthOf(chunk);
        long pn = recovery.onSent(chunk, now);
        writer.beginData(out, connectionId, pn, offset, length);
        try {
            source.read(offset, out);
            if (out.hasRemaining()) {
                throw new IOException("short read at " + offset);
            }
        } catch (IOException | RuntimeException e) {
            fail(FailureReason.IO_ERROR, false);
            return poll(now, out); // the RESET
        }
        writer.finishData(out);
        return true;
    }

    private boolean sendClose(long now, ByteBuffer out) {
        if (now < closeDue) {
            return false;
        }
        if (closeAttempts >= MAX_CLOSE_ATTEMPTS) {
            finish();
            return false;
        }
        writer.close(out, connectionId, nextControlPacket(now), fileSize);
        closeAttempts++;
        closeDue = now + (recovery.probeTimeout() << Math.min(closeAttempts, 10));
        return true;
    }

    private long nextControlPacket(long now) {
        if (recovery == null) {
            return controlPackets++; // before the handshake: the log starts after these
        }
        return recovery.log.add(now, -1, 0, SentPacketLog.CONTROL);
    }

    /**
     * The time by which {@link #poll} must next be called even if no datagram arrives: pacing,
     * loss, probe, close or idle timers. At or before the time of the last call means "now";
     * {@link Long#MAX_VALUE} when the transfer is over.
     */
    public long nextDeadline() {
        if (resetPending != null || (handshakeAcksPending > 0 && !isDone())) {
            return lastNow;
        }
        long idle = lastHeard + idleTimeout;
        return switch (state) {
            case AWAIT_HANDSHAKE -> idle;
            case SENDING -> Math.min(idle,
                    Math.min(recovery.timerDeadline(), recovery.nextSendTime(lastNow, peerWindow)));
            case CLOSING -> Math.min(idle, closeDue);
            case DONE, FAILED -> Long.MAX_VALUE;
        };
    }

    /** Gives up: the next {@link #poll} yields a RESET(ABORTED) for the peer. */
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
        handshakeAcksPending = 0;
        source = null;
        if (recovery != null) {
            recovery.release();
        }
    }

    /** True once the transfer is over, successfully ({@link #failure()} empty) or not. */
    public boolean isDone() {
        return state == State.DONE || state == State.FAILED;
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

    public SenderStats stats() {
        long total = geometry == null ? fileSize : fileSize - geometry.startOffset();
        if (recovery == null) {
            return new SenderStats(0, total, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, droppedDatagrams);
        }
        LossRecovery r = recovery;
        return new SenderStats(r.bytesAcked, total, r.packetsSent, r.retransmissions, r.lostPackets,
                r.probeTimeouts, r.cc.congestionEvents(), r.rtt.smoothed(), r.rtt.variance(), r.rtt.min(),
                r.cc.window(), r.cc.bytesInFlight(), peerWindow, droppedDatagrams);
    }

    /** Datagrams dropped because their tag did not verify (included in the dropped count). */
    public long unauthenticated() {
        return unauthenticated;
    }

    /** Packets and chunks the sender is holding state for (0 once the transfer is over). */
    int trackedState() {
        return recovery == null ? 0 : recovery.log.tracked() + (int) (recovery.chunks.nextNew() - recovery.chunks.cumulative());
    }

    LossRecovery recovery() {
        return recovery;
    }
}
