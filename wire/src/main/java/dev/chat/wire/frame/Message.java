package dev.chat.wire.frame;

import dev.chat.wire.Names;

/**
 * A chat message delivered to this client: from {@code from}, to {@code to} (this client's name
 * for a private message, {@code all} for a broadcast), stamped with server time {@code ts}
 * (milliseconds since the epoch).
 */
@FrameType("message")
public record Message(String from, String to, String text, long ts) implements ServerFrame {
    public Message {
        Ids.required("from", from);
        Ids.required("to", to);
        Ids.required("text", text);
    }

    public boolean isBroadcast() {
        return Names.ALL.equals(to);
    }
}
