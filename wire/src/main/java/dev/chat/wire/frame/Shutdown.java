package dev.chat.wire.frame;

/** Event: the daemon is shutting down and will close the connection. */
@FrameType("shutdown")
public record Shutdown(String message) implements ServerFrame {
    public Shutdown {
        Ids.required("message", message);
    }
}
