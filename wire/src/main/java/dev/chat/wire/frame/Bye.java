package dev.chat.wire.frame;

/** The answer to {@link Quit}; the daemon closes the connection after it. */
@FrameType("bye")
public record Bye(long re) implements ServerFrame, Reply {
    public Bye {
        Ids.check("re", re);
    }
}
