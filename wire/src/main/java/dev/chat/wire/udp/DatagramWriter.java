package dev.chat.wire.udp;

import java.nio.ByteBuffer;

/**
 * Encodes datagrams into a caller-owned buffer (PROTOCOL.md §16.8.1 has the layouts): the one
 * writer of the datagram layout. Each method clears {@code out}, writes one whole datagram, seals
 * it (encrypts the body and appends the AEAD tag, {@link PacketProtection}) and flips {@code out}
 * so it is ready to send. DATA is written in two steps so the payload is read straight into
 * {@code out}. A writer seals with one direction's keys: {@link #toReceiver} for the sender's
 * datagrams, {@link #toSender} for the receiver's, {@link #retry} for the daemon's RETRY.
 *
 * <p>The state machines ({@link RudpSender}, {@link RudpReceiver}) are its normal users; it is
 * public for the sample datagrams of the specification and for tests that forge datagrams, so that
 * no one re-declares the layout. It writes what it is given: values the protocol forbids produce
 * datagrams that a {@link DatagramReader} refuses. Not thread-safe: one per endpoint.
 */
public final class DatagramWriter {
    private static final byte[] NO_COOKIE = new byte[AddressValidator.COOKIE_BYTES];

    private final PacketProtection protection;

    private DatagramWriter(RudpKeys.Direction keys) {
        this.protection = new PacketProtection(keys);
    }

    /** Seals as the sender does: HANDSHAKE_ACK, DATA, CLOSE, RESET. */
    public static DatagramWriter toReceiver(RudpKeys keys) {
        return new DatagramWriter(keys.toReceiver);
    }

    /** Seals as the receiver does: HANDSHAKE, ACK, CLOSE_ACK, RESET. */
    public static DatagramWriter toSender(RudpKeys keys) {
        return new DatagramWriter(keys.toSender);
    }

    /** Seals RETRY datagrams, which the daemon sends before any sender exists. */
    public static DatagramWriter retry(RudpKeys keys) {
        return new DatagramWriter(keys.retry);
    }

    /** A HANDSHAKE; {@code cookie} is null before the first RETRY (then 24 zero bytes go out). */
    public void handshake(ByteBuffer out, long connectionId, long packetNumber, long startOffset,
            long receiveWindow, int maxPayload, long maxAckDelayMicros, byte[] cookie) {
        header(out, PacketType.HANDSHAKE, connectionId, packetNumber);
        out.putLong(startOffset);
        out.putInt((int) receiveWindow).putShort((short) maxPayload).putInt((int) maxAckDelayMicros);
        out.put(cookie == null ? NO_COOKIE : cookie, 0, AddressValidator.COOKIE_BYTES);
        finish(out);
    }

    public void retry(ByteBuffer out, long connectionId, long packetNumber, byte[] cookie) {
        header(out, PacketType.RETRY, connectionId, packetNumber);
        out.put(cookie, 0, AddressValidator.COOKIE_BYTES);
        finish(out);
    }

    public void handshakeAck(ByteBuffer out, long connectionId, long packetNumber, long fileSize,
            long startOffset, int payloadSize, long firstDataPacket) {
        header(out, PacketType.HANDSHAKE_ACK, connectionId, packetNumber);
        out.putLong(fileSize).putLong(startOffset).putShort((short) payloadSize).putLong(firstDataPacket);
        finish(out);
    }

    /**
     * Writes a DATA header and leaves {@code out}'s position at the payload and its limit after it,
     * for the caller to fill; then {@link #finishData} completes the datagram.
     */
    public void beginData(ByteBuffer out, long connectionId, long packetNumber, long offset, int length) {
        header(out, PacketType.DATA, connectionId, packetNumber);
        out.putLong(offset).putShort((short) length);
        out.limit(out.position() + length);
    }

    /**
     * Writes an ACK; {@code starts}/{@code ends} hold {@code count} ascending disjoint ranges
     * above {@code cumulative}.
     */
    public void ack(ByteBuffer out, long connectionId, long packetNumber, long cumulative, long largestPacket,
            long ackDelayMicros, long receiveWindow, boolean truncated, long[] starts, long[] ends, int count) {
        header(out, PacketType.ACK, connectionId, packetNumber);
        out.putLong(cumulative).putLong(largestPacket);
        out.putInt((int) Math.min(ackDelayMicros, 0xFFFF_FFFFL)).putInt((int) receiveWindow);
        out.put((byte) (truncated ? 1 : 0)).put((byte) count);
        for (int i = 0; i < count; i++) {
            out.putLong(starts[i]).putInt((int) (ends[i] - starts[i]));
        }
        finish(out);
    }

    public void close(ByteBuffer out, long connectionId, long packetNumber, long fileSize) {
        header(out, PacketType.CLOSE, connectionId, packetNumber);
        out.putLong(fileSize);
        finish(out);
    }

    public void closeAck(ByteBuffer out, long connectionId, long packetNumber) {
        header(out, PacketType.CLOSE_ACK, connectionId, packetNumber);
        finish(out);
    }

    public void reset(ByteBuffer out, long connectionId, long packetNumber, FailureReason reason) {
        header(out, PacketType.RESET, connectionId, packetNumber);
        out.putShort((short) reason.code);
        finish(out);
    }

    private static void header(ByteBuffer out, PacketType type, long connectionId, long packetNumber) {
        out.clear();
        out.putShort((short) RudpWire.MAGIC).put((byte) RudpWire.VERSION).put((byte) type.code);
        out.putLong(connectionId).putLong(packetNumber);
    }

    /** Completes a DATA datagram begun with {@link #beginData} whose payload has been filled in. */
    public void finishData(ByteBuffer out) {
        out.position(out.limit());
        finish(out);
    }

    /** Seals the datagram before the current position (body encrypted, tag appended) and flips. */
    private void finish(ByteBuffer out) {
        int end = out.position();
        out.limit(end + RudpWire.TAG_BYTES);
        protection.seal(out, 0, end, out.getLong(12));
        out.position(0);
    }
}
