package dev.chat.daemon;

import dev.chat.wire.SessionCodec;
import dev.chat.wire.frame.ServerFrame;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes an {@link Outbox} writes: frames encoded with the connection's codec (a frame the
 * codec cannot encode is logged and skipped, never thrown at a deliverer), and a batch joined into
 * one array so that a batch is one write. Stateless apart from the codec; any thread may call it.
 */
final class OutboundLines {
    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());

    private final SessionCodec codec;

    OutboundLines(SessionCodec codec) {
        this.codec = codec;
    }

    /** The lines of {@code frames}, without those the codec shows nothing for or cannot encode. */
    List<byte[]> encodeAll(List<? extends ServerFrame> frames) {
        List<byte[]> lines = new ArrayList<>(frames.size());
        for (ServerFrame frame : frames) {
            byte[] line = encode(frame);
            if (line != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The frame's line, or null when the codec shows nothing for it or cannot encode it. */
    byte[] encode(ServerFrame frame) {
        try {
            return codec.encode(frame);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot encode a " + frame.getClass().getSimpleName() + " frame: " + e);
            return null;
        }
    }

    /** A room event's line for this codec, encoded once per kind of codec ({@link SharedFrame}). */
    byte[] encodeShared(SharedFrame frame) {
        try {
            return frame.lineFor(codec);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot encode a " + frame.frame().getClass().getSimpleName() + " frame: " + e);
            return null;
        }
    }

    /**
     * The batch's lines as one array, so that a batch is one write: the stream is the socket's own,
     * unbuffered, because a buffer per connection would cost every idle connection its size.
     */
    static byte[] joined(List<byte[]> batch) {
        byte[] all = new byte[(int) sizeOf(batch)];
        int at = 0;
        for (byte[] line : batch) {
            System.arraycopy(line, 0, all, at, line.length);
            at += line.length;
        }
        return all;
    }

    static long sizeOf(List<byte[]> lines) {
        long size = 0;
        for (byte[] line : lines) {
            size += line.length;
        }
        return size;
    }
}
