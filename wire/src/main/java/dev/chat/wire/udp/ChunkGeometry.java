package dev.chat.wire.udp;

/**
 * How a transfer cuts [startOffset, fileSize) into chunks of {@code payload} bytes (the last one
 * may be shorter). Each DATA datagram carries exactly one chunk, and a retransmission carries the
 * same chunk again, so acked byte ranges always fall on chunk boundaries.
 */
record ChunkGeometry(long startOffset, long fileSize, int payload) {
    ChunkGeometry {
        if (startOffset < 0 || startOffset > fileSize || payload <= 0) {
            throw new IllegalArgumentException("bad geometry " + startOffset + "/" + fileSize + "/" + payload);
        }
    }

    long chunkCount() {
        return (fileSize - startOffset + payload - 1) / payload;
    }

    long offsetOf(long chunk) {
        return startOffset + chunk * payload;
    }

    int lengthOf(long chunk) {
        return (int) Math.min(payload, fileSize - offsetOf(chunk));
    }

    /** The first chunk that starts at or after {@code offset}. */
    long firstChunkFrom(long offset) {
        if (offset <= startOffset) {
            return 0;
        }
        return Math.min(chunkCount(), (offset - startOffset + payload - 1) / payload);
    }

    /** The number of chunks lying wholly below {@code end}. */
    long chunksBelow(long end) {
        if (end >= fileSize) {
            return chunkCount();
        }
        return end <= startOffset ? 0 : (end - startOffset) / payload;
    }

    /** True when [offset, offset + length) is exactly one chunk. */
    boolean isChunk(long offset, int length) {
        if (offset < startOffset || offset >= fileSize || (offset - startOffset) % payload != 0) {
            return false;
        }
        return length == lengthOf((offset - startOffset) / payload);
    }
}
