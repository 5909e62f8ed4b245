package dev.chat.wire.udp;

import java.nio.ByteBuffer;

/**
 * Wire constants of the reliable-UDP protocol (PROTOCOL.md §16.8), and the one peek a demultiplexer needs:
 * the connection id of a datagram before handing it to its sender or receiver.
 */
public final class RudpWire {
    public static final int MAGIC = 0x5255; // "RU"
    /** Version 2: AEAD-protected datagrams and address validation. Version 1 (CRC32C only) is gone. */
    public static final int VERSION = 2;
    /** magic(2) version(1) type(1) connection id(8) packet number(8). */
    public static final int HEADER_BYTES = 20;
    /** The AEAD tag after the body (AES-128-GCM, PROTOCOL.md §16.8.1). */
    public static final int TAG_BYTES = PacketProtection.TAG_BYTES;
    /** Bytes a DATA datagram adds to its payload: header, offset(8), length(2), tag. */
    public static final int DATA_OVERHEAD = HEADER_BYTES + 10 + TAG_BYTES;
    public static final int MIN_PAYLOAD = 16;
    /** Keeps the largest DATA datagram (65,046 bytes) under the IPv4 UDP limit of 65,507. */
    public static final int MAX_PAYLOAD = 65_000;
    public static final int DEFAULT_PAYLOAD = 1200;
    /** The most SACK ranges one ACK may carry. */
    public static final int MAX_SACK_RANGES = 64;
    public static final int SACK_RANGE_BYTES = 12;
    /** Largest datagram this protocol produces; a receive buffer this big never truncates one. */
    public static final int MAX_DATAGRAM = MAX_PAYLOAD + DATA_OVERHEAD;
    /** A connection id no transfer uses; {@link #connectionIdOf} returns it for foreign datagrams. */
    public static final long NO_CONNECTION = 0;

    private RudpWire() {}

    /**
     * The connection id of a datagram that looks like ours (length, magic, version), else
     * {@link #NO_CONNECTION}. Does not verify the tag or move {@code datagram}'s position.
     */
    public static long connectionIdOf(ByteBuffer datagram) {
        int p = datagram.position();
        if (datagram.remaining() < HEADER_BYTES + TAG_BYTES
                || (datagram.getShort(p) & 0xFFFF) != MAGIC
                || (datagram.get(p + 2) & 0xFF) != VERSION) {
            return NO_CONNECTION;
        }
        return datagram.getLong(p + 4);
    }
}
