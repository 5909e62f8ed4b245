package dev.chat.wire.frame;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;

/**
 * Asks to download the shared file {@code name} over {@code protocol} ({@code "tcp"} or
 * {@code "udp"}) from byte {@code offset} on (0, or the length of a partial copy to resume).
 * Answered by {@link DownloadReady} or an error.
 */
@FrameType("download")
public record Download(long id, String name, String protocol, long offset) implements ClientFrame, Request {
    public Download {
        Ids.check("id", id);
        Ids.required("name", name);
        Ids.required("protocol", protocol);
        if (!Transfers.isProtocol(protocol)) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "field 'protocol' must be \"tcp\" or \"udp\"", id);
        }
        Transfers.checkOffset("offset", offset, id);
    }
}
