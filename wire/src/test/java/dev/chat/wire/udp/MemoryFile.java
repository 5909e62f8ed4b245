package dev.chat.wire.udp;

import java.nio.ByteBuffer;
import java.util.Random;

/** Test fakes: a byte-array chunk source, and a sink that counts every byte it is given. */
final class MemoryFile {
    private MemoryFile() {}

    static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static ChunkSource source(byte[] data) {
        return (offset, dst) -> dst.put(data, (int) offset, dst.remaining());
    }

    static final class Sink implements ChunkSink {
        final byte[] data;
        long bytesWritten;
        long writes;

        Sink(int size) {
            this.data = new byte[size];
        }

        @Override
        public void write(long offset, ByteBuffer src) {
            bytesWritten += src.remaining();
            writes++;
            src.get(data, (int) offset, src.remaining());
        }
    }
}
