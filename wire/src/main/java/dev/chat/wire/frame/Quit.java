package dev.chat.wire.frame;

/** Leaves the chat; the daemon answers {@link Bye} and closes the connection. */
@FrameType("quit")
public record Quit(long id) implements ClientFrame, Request {
    public Quit {
        Ids.check("id", id);
    }
}
