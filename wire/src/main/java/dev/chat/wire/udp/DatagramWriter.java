package dev.chat.wire.udp;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Encodes datagrams into a caller-owned buffer (PROTOCOL.md §16.8.1 has the layouts): the one
 * writer of the datagram layout. Each method clears {@code out}, writes one whole datagram
 * including its CRC32C, and flips {@code out} so it is ready to send. DATA is written in two steps
 * so the payload is read straight into {@code out}.
 *
 * <p>The state machines ({@link RudpSender}, {@link RudpReceiver}) are its normal users; it is
 * public for the sample datagrams of the specification and for tests that forge datagrams, so that
 * no one re-declares the layout. It writes what it is given: values the protocol forbids produce
 * datagrams that a {@link DatagramReader} refuses. Not thread-safe: one per endpoint.
 */
public final class DatagramWriter {
    private final CRC32C crc = new CRC32C();

    public void handshake(ByteBuffer out, long connectionId, long packetNumber, long tokenHigh, long tokenLow,
            long startOffset, long receiveWindow, int maxPayload, long maxAckDelayMicros) {
        header(out, PacketType.HANDSHAKE, connectionId, packetNumber);
        out.putLong(tokenHigh).putLong(tokenLow).putLong(startOffset);
        out.putInt((int) receiveWindow).putShort((short) maxPayload).putInt((int) maxAckDelayMicros);
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

    /** Appends the CRC32C of everything before the current position and flips. */
    private void finish(ByteBuffer out) {
        int end = out.position();
        out.limit(end).position(0);
        crc.reset();
        crc.update(out);
        out.limit(end + RudpWire.CRC_BYTES);
        out.putInt(end, (int) crc.getValue());
        out.position(0);
    }
}
