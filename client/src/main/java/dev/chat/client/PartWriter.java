package dev.chat.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.TreeMap;

/**
 * Writes a reliable-UDP download's chunks into its part file. Chunks that continue the file's
 * complete prefix (nearly all of them) are gathered and written 256 KiB at a time instead of one
 * system call per datagram; chunks above a gap go straight to their offset. It tracks how far
 * from the start the file is complete, so that a failed download can be cut back to a prefix
 * without holes and the hasher knows what it may read.
 *
 * <p>Threads: the download's loop thread calls everything but {@link #flushedPrefix}, which any
 * thread may read.
 */
final class PartWriter {
    private static final int GATHER_BYTES = 256 * 1024;

    private final FileChannel file;
    private final ByteBuffer gather = ByteBuffer.allocate(GATHER_BYTES);
    /** The file offset of {@code gather}'s first byte. */
    private long gatherStart;
    /** Chunks written above the complete prefix: start -> end. */
    private final TreeMap<Long, Long> above = new TreeMap<>();
    /** The file is complete from its start up to here, counting what {@code gather} still holds. */
    private long prefixEnd;
    /** As {@link #prefixEnd}, but only what is in the file itself. */
    private volatile long flushedPrefix;

    PartWriter(FileChannel file, long start) {
        this.file = file;
        this.prefixEnd = start;
        this.gatherStart = start;
        this.flushedPrefix = start;
    }

    void write(long offset, ByteBuffer src) throws IOException {
        int n = src.remaining();
        if (offset == prefixEnd) {
            if (gather.position() > 0 && (offset != gatherStart + gather.position() || n > gather.remaining())) {
                flush();
            }
            if (gather.position() == 0) {
                gatherStart = offset;
            }
            if (n <= gather.remaining()) {
                gather.put(src);
            } else {
                writeAt(offset, src);
            }
            prefixEnd = offset + n;
            for (var next = above.firstEntry(); next != null && next.getKey() <= prefixEnd; next = above.firstEntry()) {
                prefixEnd = Math.max(prefixEnd, above.pollFirstEntry().getValue());
            }
        } else {
            writeAt(offset, src);
            if (offset > prefixEnd) {
                above.put(offset, offset + n);
            }
        }
        flushedPrefix = gather.position() == 0 ? prefixEnd : gatherStart;
    }

    /** Writes what is gathered; afterwards the whole complete prefix is in the file. */
    void flush() throws IOException {
        if (gather.position() > 0) {
            gather.flip();
            writeAt(gatherStart, gather);
            gatherStart += gather.limit();
            gather.clear();
        }
        flushedPrefix = prefixEnd;
    }

    /** Where the file's complete prefix ends (call {@link #flush} first to have it all on disk). */
    long prefixEnd() {
        return prefixEnd;
    }

    /** Where the complete prefix that is already in the file ends; any thread. */
    long flushedPrefix() {
        return flushedPrefix;
    }

    private void writeAt(long offset, ByteBuffer src) throws IOException {
        long at = offset;
        while (src.hasRemaining()) {
            at += file.write(src, at);
        }
    }
}
