package dev.chat.wire.udp;

/** Why a transfer failed. The wire code travels in RESET datagrams (PROTOCOL.md §16.8). */
public enum FailureReason {
    /** Nothing valid heard from the peer for the idle timeout (dead-peer detection). */
    PEER_TIMEOUT(1),
    /** The handshake's token does not match the one this transfer was created with. */
    BAD_TOKEN(2),
    /** The requested start offset lies beyond the end of the file. */
    BAD_OFFSET(3),
    /** A well-formed datagram that breaks the protocol (acks unsent data, data out of range, ...). */
    PROTOCOL_VIOLATION(4),
    /** The local chunk source or sink failed. */
    IO_ERROR(5),
    /** The local application gave up on the transfer. */
    ABORTED(6),
    /** A RESET carried a code this implementation does not know. */
    UNKNOWN(0xFFFF);

    final int code;

    FailureReason(int code) {
        this.code = code;
    }

    static FailureReason fromCode(int code) {
        for (FailureReason reason : values()) {
            if (reason.code == code) {
                return reason;
            }
        }
        return UNKNOWN;
    }
}
