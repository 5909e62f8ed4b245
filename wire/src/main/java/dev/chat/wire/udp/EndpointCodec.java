package dev.chat.wire.udp;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * What a demultiplexing endpoint needs for a datagram that no sender owns yet: the HANDSHAKE that
 * may open a transfer, opened with that transfer's keys and checked exactly as the state machines
 * check it (PROTOCOL.md §16.8.1), and the RETRY that asks its source to prove its address
 * (§16.8.2). The layout lives in {@link DatagramReader} and {@link DatagramWriter}; this class only
 * exposes them. RETRYs are numbered from one counter per endpoint, so that their nonces never
 * repeat under any transfer's retry key.
 *
 * <p>Not thread-safe: one per endpoint (the daemon's UDP driver thread).
 */
public final class EndpointCodec {
    /**
     * The fields of an authenticated HANDSHAKE that an endpoint needs to validate its source and
     * claim the grant it names; {@code cookie} is null when the handshake carries none.
     */
    public record Handshake(long connectionId, long startOffset, byte[] cookie) {
    }

    /** Bytes of the RETRY {@link #retry} writes: a buffer this big suffices. */
    public static final int RETRY_BYTES = RudpWire.HEADER_BYTES + PacketType.RETRY.fixedBodyBytes + RudpWire.TAG_BYTES;
    /** Bytes of every HANDSHAKE: a RETRY is smaller than the HANDSHAKE that earns it. */
    public static final int HANDSHAKE_BYTES = RudpWire.HEADER_BYTES + PacketType.HANDSHAKE.fixedBodyBytes
            + RudpWire.TAG_BYTES;

    private final ByteBuffer scratch = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM);
    private DatagramReader reader;
    private long retryPackets;

    /**
     * The HANDSHAKE in {@code datagram} (position to limit, left unchanged: it is opened in a copy,
     * for the sender to open again) under {@code keys}, or empty when it is anything else: another
     * type, unauthenticated, or a datagram the protocol drops (short, bad fields).
     */
    public Optional<Handshake> handshake(ByteBuffer datagram, RudpKeys keys) {
        if (datagram.remaining() != HANDSHAKE_BYTES || RudpWire.connectionIdOf(datagram) == RudpWire.NO_CONNECTION) {
            return Optional.empty(); // cheap checks before any cryptography
        }
        scratch.clear();
        scratch.put(datagram.duplicate()).flip();
        if (reader == null) {
            reader = DatagramReader.fromReceiver(keys);
        } else {
            reader.useReceiverKeys(keys);
        }
        if (reader.parse(scratch) != ParseStatus.OK || reader.type != PacketType.HANDSHAKE) {
            return Optional.empty();
        }
        return Optional.of(new Handshake(reader.connectionId, reader.startOffset,
                reader.hasCookie ? reader.cookie.clone() : null));
    }

    /** Writes into {@code out} (cleared, then flipped) a RETRY for {@code connectionId} carrying {@code cookie}. */
    public void retry(ByteBuffer out, long connectionId, RudpKeys keys, byte[] cookie) {
        DatagramWriter.retry(keys).retry(out, connectionId, retryPackets++, cookie);
    }
}
