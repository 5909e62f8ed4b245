package dev.chat.daemon;

import dev.chat.wire.SessionCodec;
import dev.chat.wire.frame.ServerFrame;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A frame bound for many connections (a broadcast, a join or leave event), encoded at most once
 * per kind of room codec instead of once per recipient. This relies on the {@link SessionCodec}
 * contract that a room event's encoding depends only on the frame and {@link SessionCodec#roomCodec()}:
 * codecs that keep the default are keyed by class, others by their room codec's equality. Thread-safe.
 */
final class SharedFrame {
    /** Stands for "this codec shows nothing for the frame", which a map cannot hold as null. */
    private static final byte[] NOTHING = new byte[0];

    private final ServerFrame frame;
    private final ConcurrentHashMap<Object, byte[]> lines = new ConcurrentHashMap<>(4);

    SharedFrame(ServerFrame frame) {
        this.frame = frame;
    }

    ServerFrame frame() {
        return frame;
    }

    /** The line {@code codec} makes of the frame, or null when it shows nothing for it. */
    byte[] lineFor(SessionCodec codec) {
        SessionCodec room = codec.roomCodec();
        Object kind = room == codec ? codec.getClass() : room;
        byte[] line = lines.computeIfAbsent(kind, k -> {
            byte[] encoded = room.encode(frame);
            return encoded == null ? NOTHING : encoded;
        });
        return line == NOTHING ? null : line;
    }
}
