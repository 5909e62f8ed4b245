package dev.chat.wire.udp;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * What a demultiplexing endpoint needs for a datagram that no sender or receiver owns yet: the
 * HANDSHAKE that may open a transfer, checked exactly as the state machines check it (length,
 * magic, version, CRC, fields: PROTOCOL.md §16.8.1), and the RESET that refuses one. The layout
 * lives in {@link DatagramReader} and {@link DatagramWriter}; this class only exposes them.
 *
 * <p>Not thread-safe: one per endpoint (the daemon's UDP driver thread).
 */
public final class EndpointCodec {
    /** The fields of a valid HANDSHAKE that an endpoint needs to find and claim the grant it names. */
    public record Handshake(long connectionId, TransferToken token, long startOffset) {
    }

    /** Bytes of the RESET {@link #reset} writes: a buffer this big suffices. */
    public static final int RESET_BYTES = RudpWire.HEADER_BYTES + PacketType.RESET.fixedBodyBytes + RudpWire.CRC_BYTES;

    private final DatagramReader reader = new DatagramReader();
    private final DatagramWriter writer = new DatagramWriter();

    /**
     * The HANDSHAKE in {@code datagram} (position to limit, left unchanged), or empty when it is
     * anything else: another type, or a datagram the protocol drops (short, corrupt, bad fields).
     */
    public Optional<Handshake> handshake(ByteBuffer datagram) {
        if (reader.parse(datagram) != ParseStatus.OK || reader.type != PacketType.HANDSHAKE) {
            return Optional.empty();
        }
        TransferToken token = new TransferToken(reader.tokenHigh, reader.tokenLow);
        return Optional.of(new Handshake(reader.connectionId, token, reader.startOffset));
    }

    /**
     * Writes into {@code out} (cleared, then flipped) a RESET refusing {@code connectionId}. It has
     * packet number 0: the endpoint keeps no per-peer state for a transfer it refuses.
     */
    public void reset(ByteBuffer out, long connectionId, FailureReason reason) {
        writer.reset(out, connectionId, 0, reason);
    }
}
