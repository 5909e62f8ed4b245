package dev.chat.wire.frame;

/** Either side may ping; the other answers {@link Pong} with the same id. */
@FrameType("ping")
public record Ping(long id) implements ClientFrame, ServerFrame, Request {
    public Ping {
        Ids.check("id", id);
    }
}
