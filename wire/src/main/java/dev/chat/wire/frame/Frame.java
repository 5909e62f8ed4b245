package dev.chat.wire.frame;

/**
 * A protocol frame: one JSON object on one line. Each record names its wire {@code type} with
 * {@link FrameType}. Frames a client sends are {@link ClientFrame}s, frames the daemon sends are
 * {@link ServerFrame}s; {@link Ping} and {@link Pong} go both ways.
 */
public sealed interface Frame permits ClientFrame, ServerFrame {
}
