package dev.chat.wire;

import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.ServerFrame;

import java.nio.ByteBuffer;

/**
 * The daemon's view of one connection's line format: JSON frames ({@link JsonCodec}) or the
 * human text mode ({@code dev.chat.wire.text.TextCodec}). The session core is the same for both.
 *
 * <p>{@link #decode} is called only by the connection's reader thread. {@link #encode} may be
 * called from any thread and must depend only on the frame and daemon-wide settings, never on
 * the connection: the daemon encodes a broadcast once per codec class and shares the bytes.
 */
public interface SessionCodec {
    /**
     * Decodes one line (without its newline) into a frame.
     *
     * @param joined whether the session has joined; text mode reads a name until it has
     * @throws ProtocolException a typed error, with {@code re} when the line's id was readable
     */
    ClientFrame decode(ByteBuffer line, boolean joined);

    /** Encodes a frame as one line, newline included; null when this codec shows nothing for it. */
    byte[] encode(ServerFrame frame);

    /** True for codecs whose peer cannot answer a {@code ping} (text mode). */
    default boolean answersPings() {
        return true;
    }
}
