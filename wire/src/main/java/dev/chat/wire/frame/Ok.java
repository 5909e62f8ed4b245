package dev.chat.wire.frame;

/** The request {@code re} ({@code register}, {@code password}) was done and is durable. */
@FrameType("ok")
public record Ok(long re) implements ServerFrame, Reply {
    public Ok {
        Ids.check("re", re);
    }
}
