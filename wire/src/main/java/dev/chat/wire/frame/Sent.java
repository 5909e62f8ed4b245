package dev.chat.wire.frame;

/**
 * The answer to a {@link Send}: the message was queued for {@code recipients} users (1 for a
 * private message, everyone else online for a broadcast) at server time {@code ts}.
 */
@FrameType("sent")
public record Sent(long re, String to, int recipients, long ts) implements ServerFrame, Reply {
    public Sent {
        Ids.check("re", re);
        Ids.required("to", to);
    }
}
