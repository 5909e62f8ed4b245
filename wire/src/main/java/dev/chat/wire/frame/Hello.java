package dev.chat.wire.frame;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.Limits;
import dev.chat.wire.ProtocolException;

/**
 * The first frame of a session: the name to join under, the protocol version spoken and a free
 * description of the client software. The name itself is checked by the daemon (so that the
 * reply can say {@code NAME_INVALID}), not here.
 */
@FrameType("hello")
public record Hello(long id, String name, int version, String client) implements ClientFrame, Request {
    public Hello {
        Ids.check("id", id);
        Ids.required("name", name);
        Ids.required("client", client);
        if (client.length() > Limits.MAX_CLIENT_CHARS) {
            throw new ProtocolException(ErrorCode.BAD_FRAME,
                    "field 'client' has at most " + Limits.MAX_CLIENT_CHARS + " characters", id);
        }
    }
}
