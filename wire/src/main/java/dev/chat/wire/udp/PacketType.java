package dev.chat.wire.udp;

/** The datagram types of the reliable-UDP protocol and their one-byte wire codes (PROTOCOL.md §16.8). */
enum PacketType {
    HANDSHAKE(1, 42),
    HANDSHAKE_ACK(2, 26),
    DATA(3, 10),
    ACK(4, 26),
    CLOSE(5, 8),
    CLOSE_ACK(6, 0),
    RESET(7, 2),
    /** The daemon's address-validation challenge: a cookie the receiver must echo (PROTOCOL.md §16.8.2). */
    RETRY(8, AddressValidator.COOKIE_BYTES);

    private static final PacketType[] BY_CODE = new PacketType[9];

    static {
        for (PacketType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    final int code;
    /** Bytes of the fixed part of the body, between the header and the variable part or tag. */
    final int fixedBodyBytes;

    PacketType(int code, int fixedBodyBytes) {
        this.code = code;
        this.fixedBodyBytes = fixedBodyBytes;
    }

    /** The type with this wire code, or null for an unknown one (the reader reports it typed). */
    static PacketType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
