package dev.chat.wire.udp;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where the sender reads file bytes. A {@code FileChannel} backs it in the daemon
 * ({@code channel.read(dst, offset)} in a loop); tests use a byte array.
 */
@FunctionalInterface
public interface ChunkSource {
    /**
     * Fills {@code dst} from its position to its limit with the bytes at {@code offset}. Called on
     * the sender's thread for every data datagram (first sends and retransmissions alike).
     *
     * @throws IOException when the bytes cannot be read; the transfer then fails with IO_ERROR
     */
    void read(long offset, ByteBuffer dst) throws IOException;
}
