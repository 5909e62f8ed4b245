package dev.chat.daemon.transfer;

import dev.chat.wire.udp.ChunkSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The file side of a reliable-UDP sender: reads ahead 64 KiB at a time, so that sending a file
 * in 1200-byte datagrams costs one read system call per 54 datagrams instead of one each.
 * Retransmissions behind the read-ahead window are read directly. Called only by the UDP
 * endpoint's driver thread.
 */
final class ReadAheadSource implements ChunkSource {
    private static final int WINDOW_BYTES = 64 * 1024;

    private final FileChannel file;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW_BYTES);
    /** The file offset of {@code window}'s first byte; its valid bytes are [0, limit). */
    private long windowStart = -1;

    ReadAheadSource(FileChannel file) {
        this.file = file;
        window.limit(0);
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        int n = dst.remaining();
        if (!holds(offset, n) && n <= WINDOW_BYTES && offset >= windowStart + window.limit()) {
            fill(offset); // the sender moved on past the window: read the next stretch
        }
        if (holds(offset, n)) {
            ByteBuffer slice = window.duplicate();
            int from = (int) (offset - windowStart);
            slice.limit(from + n).position(from);
            dst.put(slice);
        } else {
            readFully(offset, dst);
        }
    }

    private boolean holds(long offset, int n) {
        return windowStart >= 0 && offset >= windowStart && offset + n <= windowStart + window.limit();
    }

    private void fill(long offset) throws IOException {
        window.clear();
        windowStart = offset;
        while (window.hasRemaining()) {
            int read = file.read(window, offset + window.position());
            if (read < 0) {
                break;
            }
        }
        window.flip();
    }

    private void readFully(long offset, ByteBuffer dst) throws IOException {
        long at = offset;
        while (dst.hasRemaining()) {
            int read = file.read(dst, at);
            if (read < 0) {
                throw new IOException("the file ended at " + at);
            }
            at += read;
        }
    }
}
