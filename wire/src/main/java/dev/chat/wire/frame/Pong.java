package dev.chat.wire.frame;

/** The answer to a {@link Ping}. */
@FrameType("pong")
public record Pong(long re) implements ClientFrame, ServerFrame, Reply {
    public Pong {
        Ids.check("re", re);
    }
}
