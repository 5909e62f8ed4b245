package dev.chat.wire.udp;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where the receiver writes file bytes: positional writes, possibly out of order, each offset at
 * most once. A {@code FileChannel} opened for writing backs it in the client
 * ({@code channel.write(src, offset)} in a loop); tests use a byte array.
 */
@FunctionalInterface
public interface ChunkSink {
    /**
     * Writes all of {@code src} (position to limit) at {@code offset}. {@code src} is a view of the
     * received datagram and is valid only during the call.
     *
     * @throws IOException when the bytes cannot be written; the transfer then fails with IO_ERROR
     */
    void write(long offset, ByteBuffer src) throws IOException;
}
