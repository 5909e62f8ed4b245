package dev.chat.wire.udp;

import java.nio.ByteBuffer;

/**
 * Parses one datagram at a time into its own fields: a flyweight, so that the receive path does
 * not allocate per datagram (a record per datagram would be the house default; the rate here, up
 * to ~100k datagrams/s, is why not). Fields are valid until the next {@link #parse}. A DATA
 * payload is left in place in the parsed buffer ({@link #payloadPosition}).
 *
 * <p>Opening is a codec step: after the header checks, the tag is verified and the body decrypted
 * <em>in place</em> ({@link PacketProtection}), so a parsed buffer holds plaintext afterwards and
 * must not be parsed again. Never throws on bad input: every malformed or unauthenticated datagram
 * yields a typed {@link ParseStatus}. Not thread-safe: one per endpoint.
 */
final class DatagramReader {
    private final PacketProtection protection;
    /** Opens RETRY datagrams (their own key); null for a reader that never takes one (the sender's). */
    private final PacketProtection retryProtection;

    PacketType type;
    long connectionId;
    long packetNumber;
    // HANDSHAKE
    long startOffset;
    /** The HANDSHAKE's or RETRY's cookie; all zeros in a HANDSHAKE before any RETRY. */
    final byte[] cookie = new byte[AddressValidator.COOKIE_BYTES];
    boolean hasCookie;
    long receiveWindow;
    int maxPayload;
    long maxAckDelayMicros;
    // HANDSHAKE_ACK (also startOffset)
    long fileSize;
    int payloadSize;
    long firstDataPacket;
    // DATA
    long offset;
    int payloadLength;
    int payloadPosition;
    // ACK (also receiveWindow)
    long cumulative;
    long largestPacket;
    long ackDelayMicros;
    boolean truncated;
    int rangeCount;
    final long[] rangeStart = new long[RudpWire.MAX_SACK_RANGES];
    final long[] rangeEnd = new long[RudpWire.MAX_SACK_RANGES];
    // RESET
    int resetCode;

    private DatagramReader(PacketProtection protection, PacketProtection retryProtection) {
        this.protection = protection;
        this.retryProtection = retryProtection;
    }

    /** The receiver's reader: datagrams sealed by the sender, and the daemon's RETRY. */
    static DatagramReader fromSender(RudpKeys keys) {
        return new DatagramReader(new PacketProtection(keys.toReceiver), new PacketProtection(keys.retry));
    }

    /** The sender's reader: datagrams sealed by the receiver. */
    static DatagramReader fromReceiver(RudpKeys keys) {
        return new DatagramReader(new PacketProtection(keys.toSender), null);
    }

    /** From now on opens the receiver's datagrams of another transfer (an endpoint's handshake reader). */
    void useReceiverKeys(RudpKeys keys) {
        protection.use(keys.toSender);
    }

    /** Parses {@code d} from its position to its limit; the position is left unchanged. */
    ParseStatus parse(ByteBuffer d) {
        int p = d.position();
        int length = d.remaining();
        if (length < RudpWire.HEADER_BYTES + RudpWire.TAG_BYTES) {
            return ParseStatus.TOO_SHORT;
        }
        if ((d.getShort(p) & 0xFFFF) != RudpWire.MAGIC) {
            return ParseStatus.BAD_MAGIC;
        }
        if ((d.get(p + 2) & 0xFF) != RudpWire.VERSION) {
            return ParseStatus.BAD_VERSION;
        }
        type = PacketType.fromCode(d.get(p + 3) & 0xFF);
        if (type == null) {
            return ParseStatus.UNKNOWN_TYPE;
        }
        connectionId = d.getLong(p + 4);
        packetNumber = d.getLong(p + 12);
        if (connectionId == RudpWire.NO_CONNECTION || packetNumber < 0) {
            return ParseStatus.BAD_FIELD;
        }
        PacketProtection opener = type == PacketType.RETRY ? retryProtection : protection;
        if (opener == null || !opener.open(d, p, p + length)) {
            return ParseStatus.UNAUTHENTICATED; // never looked at further: it changes nothing
        }
        int tagAt = p + length - RudpWire.TAG_BYTES;
        int body = p + RudpWire.HEADER_BYTES;
        int bodyLength = tagAt - body;
        if (bodyLength < type.fixedBodyBytes) {
            return ParseStatus.TOO_SHORT;
        }
        return switch (type) {
            case HANDSHAKE -> exact(bodyLength, parseHandshake(d, body));
            case HANDSHAKE_ACK -> exact(bodyLength, parseHandshakeAck(d, body));
            case DATA -> parseData(d, body, bodyLength);
            case ACK -> parseAck(d, body, bodyLength);
            case CLOSE -> {
                fileSize = d.getLong(body);
                yield exact(bodyLength, fileSize < 0 ? ParseStatus.BAD_FIELD : ParseStatus.OK);
            }
            case CLOSE_ACK -> exact(bodyLength, ParseStatus.OK);
            case RESET -> {
                resetCode = d.getShort(body) & 0xFFFF;
                yield exact(bodyLength, ParseStatus.OK);
            }
            case RETRY -> {
                d.get(body, cookie);
                yield exact(bodyLength, ParseStatus.OK);
            }
        };
    }

    private ParseStatus exact(int bodyLength, ParseStatus status) {
        if (status != ParseStatus.OK) {
            return status;
        }
        return bodyLength == type.fixedBodyBytes ? ParseStatus.OK : ParseStatus.BAD_LENGTH;
    }

    private ParseStatus parseHandshake(ByteBuffer d, int at) {
        startOffset = d.getLong(at);
        receiveWindow = d.getInt(at + 8) & 0xFFFF_FFFFL;
        maxPayload = d.getShort(at + 12) & 0xFFFF;
        maxAckDelayMicros = d.getInt(at + 14) & 0xFFFF_FFFFL;
        d.get(at + 18, cookie);
        hasCookie = false;
        for (byte b : cookie) {
            hasCookie |= b != 0;
        }
        // A window below one payload would let no full chunk in: both peers would loop without progress.
        boolean ok = startOffset >= 0 && maxPayload >= RudpWire.MIN_PAYLOAD && receiveWindow >= maxPayload;
        return ok ? ParseStatus.OK : ParseStatus.BAD_FIELD;
    }

    private ParseStatus parseHandshakeAck(ByteBuffer d, int at) {
        fileSize = d.getLong(at);
        startOffset = d.getLong(at + 8);
        payloadSize = d.getShort(at + 16) & 0xFFFF;
        firstDataPacket = d.getLong(at + 18);
        boolean ok = fileSize >= 0 && startOffset >= 0 && startOffset <= fileSize
                && payloadSize >= RudpWire.MIN_PAYLOAD && payloadSize <= RudpWire.MAX_PAYLOAD
                && firstDataPacket >= 0;
        return ok ? ParseStatus.OK : ParseStatus.BAD_FIELD;
    }

    private ParseStatus parseData(ByteBuffer d, int at, int bodyLength) {
        offset = d.getLong(at);
        payloadLength = d.getShort(at + 8) & 0xFFFF;
        payloadPosition = at + 10;
        if (bodyLength != type.fixedBodyBytes + payloadLength) {
            return ParseStatus.BAD_LENGTH;
        }
        boolean ok = offset >= 0 && payloadLength > 0 && payloadLength <= RudpWire.MAX_PAYLOAD
                && offset + payloadLength > 0;
        return ok ? ParseStatus.OK : ParseStatus.BAD_FIELD;
    }

    private ParseStatus parseAck(ByteBuffer d, int at, int bodyLength) {
        cumulative = d.getLong(at);
        largestPacket = d.getLong(at + 8);
        ackDelayMicros = d.getInt(at + 16) & 0xFFFF_FFFFL;
        receiveWindow = d.getInt(at + 20) & 0xFFFF_FFFFL;
        int flags = d.get(at + 24) & 0xFF;
        truncated = (flags & 1) != 0;
        rangeCount = d.get(at + 25) & 0xFF;
        if (bodyLength != type.fixedBodyBytes + rangeCount * RudpWire.SACK_RANGE_BYTES) {
            return ParseStatus.BAD_LENGTH;
        }
        if (cumulative < 0 || largestPacket < 0 || (flags & ~1) != 0
                || rangeCount > RudpWire.MAX_SACK_RANGES) {
            return ParseStatus.BAD_FIELD;
        }
        long previousEnd = cumulative;
        int r = at + type.fixedBodyBytes;
        for (int i = 0; i < rangeCount; i++, r += RudpWire.SACK_RANGE_BYTES) {
            long start = d.getLong(r);
            long length = d.getInt(r + 8) & 0xFFFF_FFFFL;
            // Ranges are ascending and disjoint, above the cumulative point, with a gap before each.
            if (start <= previousEnd || length == 0 || start + length < 0) {
                return ParseStatus.BAD_FIELD;
            }
            rangeStart[i] = start;
            rangeEnd[i] = start + length;
            previousEnd = start + length;
        }
        return ParseStatus.OK;
    }
}
