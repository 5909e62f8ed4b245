package dev.chat.wire.frame;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;

/**
 * A granted download (reply to {@link Download}): fetch {@code size - offset} bytes of {@code name}
 * over {@code protocol} from the daemon's {@code port} (TCP: a new connection whose first line is
 * {@link Fetch}; UDP: a reliable-UDP handshake whose connection id is {@code transfer}), presenting
 * {@code token} (32 hex digits, single use, expires 30 s after the grant). The content must hash to
 * {@code sha256}. A UDP grant also carries {@code key}, the transfer's 256-bit secret (64 hex
 * digits) from which both ends derive the datagram keys (PROTOCOL.md §16.8.1); it is optional in
 * the frame so that the chat protocol stays at version 1, and absent for TCP.
 */
@FrameType("download_ready")
public record DownloadReady(long re, long transfer, String name, long size, String sha256, long offset,
                            Transport protocol, String token, int port, @OptionalField String key)
        implements ServerFrame, Reply {
    public DownloadReady {
        Ids.check("re", re);
        Transfers.checkTransfer(transfer, re);
        Ids.required("name", name);
        Transfers.checkOffset("size", size, re);
        Transfers.checkSha256(sha256, re);
        Transfers.checkOffset("offset", offset, re);
        if (offset > size) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "offset beyond size", re);
        }
        Ids.required("protocol", protocol);
        Transfers.checkToken(token, re);
        if (port < 1 || port > 65_535) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "field 'port' must be 1..65535", re);
        }
        if (key != null) {
            Transfers.checkKey(key, re);
        }
    }

    /** A grant without a UDP key (TCP, and tests of the frame's other fields). */
    public DownloadReady(long re, long transfer, String name, long size, String sha256, long offset,
                         Transport protocol, String token, int port) {
        this(re, transfer, name, size, sha256, offset, protocol, token, port, null);
    }
}
