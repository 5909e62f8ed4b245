package dev.chat.wire;

import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.ServerFrame;

import java.nio.ByteBuffer;

/**
 * The daemon's view of one connection's line format: JSON frames ({@link JsonCodec}) or the
 * human text mode ({@code dev.chat.wire.text.TextCodec}). The session core is the same for both.
 *
 * <p>{@link #decode} is called only by the connection's reader thread. {@link #encode} may be
 * called from any thread. For the frames of the room (joins, leaves, broadcasts, away changes) it
 * must depend only on the frame and on {@link #roomCodec()}: the daemon encodes a room event once
 * per kind of room codec and shares the bytes. Replies and private messages are encoded for one
 * connection and may depend on it.
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

    /** True for codecs whose sessions get a resume token and keep their name held when they vanish (JSON). */
    default boolean resumes() {
        return answersPings();
    }

    /** True for codecs whose sessions may ask for downloads (JSON). */
    default boolean downloads() {
        return answersPings();
    }

    /**
     * What encodes this connection's room events. Connections whose room codecs are equal share the
     * bytes of each room event; by default that is every connection of the same codec class, so a
     * codec whose room lines depend on per-connection options (IRC capabilities) returns a value
     * object naming those options.
     */
    default SessionCodec roomCodec() {
        return this;
    }
}
