package dev.chat.daemon;

import dev.chat.wire.SessionCodec;
import dev.chat.wire.frame.ServerFrame;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A frame bound for many connections (a broadcast, a join or leave event), encoded at most once
 * per kind of codec instead of once per recipient. This relies on the {@link SessionCodec}
 * contract that encoding depends only on the frame and daemon-wide settings. Thread-safe.
 */
final class SharedFrame {
    /** Stands for "this codec shows nothing for the frame", which a map cannot hold as null. */
    private static final byte[] NOTHING = new byte[0];

    private final ServerFrame frame;
    private final ConcurrentHashMap<Class<?>, byte[]> lines = new ConcurrentHashMap<>(4);

    SharedFrame(ServerFrame frame) {
        this.frame = frame;
    }

    ServerFrame frame() {
        return frame;
    }

    /** The line {@code codec} makes of the frame, or null when it shows nothing for it. */
    byte[] lineFor(SessionCodec codec) {
        byte[] line = lines.computeIfAbsent(codec.getClass(), kind -> {
            byte[] encoded = codec.encode(frame);
            return encoded == null ? NOTHING : encoded;
        });
        return line == NOTHING ? null : line;
    }
}
