package dev.chat.wire.udp;

/**
 * The sender's view of the file chunks between the cumulative ack and the first chunk never sent:
 * per chunk whether it is acknowledged, whether it waits for retransmission, and the packet
 * number of its latest transmission; plus the FIFO of chunks to retransmit. A growable ring
 * indexed by chunk number; chunks below {@link #cumulative()} are done and forgotten.
 */
final class ChunkWindow {
    private static final byte ACKED = 1;
    private static final byte QUEUED = 2;
    private static final int INITIAL_CAPACITY = 64;

    private long cumulative;
    private long nextNew;
    private byte[] flags = new byte[INITIAL_CAPACITY];
    private long[] lastPacket = new long[INITIAL_CAPACITY];
    private long[] queue = new long[INITIAL_CAPACITY];
    private int queueHead;
    private int queueSize;

    /** Chunks below this are all acknowledged. */
    long cumulative() {
        return cumulative;
    }

    /** The first chunk never sent. */
    long nextNew() {
        return nextNew;
    }

    /** Registers the first transmission of chunk {@link #nextNew()} and returns it. */
    long openNext(long packetNumber) {
        if (nextNew - cumulative == flags.length) {
            grow();
        }
        long c = nextNew++;
        flags[index(c)] = 0;
        lastPacket[index(c)] = packetNumber;
        return c;
    }

    void setLastPacket(long chunk, long packetNumber) {
        lastPacket[index(chunk)] = packetNumber;
    }

    long lastPacket(long chunk) {
        return lastPacket[index(chunk)];
    }

    boolean isAcked(long chunk) {
        return chunk < cumulative || (chunk < nextNew && (flags[index(chunk)] & ACKED) != 0);
    }

    /** Marks a sent chunk acknowledged; false if it already was. */
    boolean markAcked(long chunk) {
        if (isAcked(chunk) || chunk >= nextNew) {
            return false;
        }
        flags[index(chunk)] |= ACKED;
        return true;
    }

    /** Moves the cumulative point over acknowledged chunks. */
    void advance() {
        while (cumulative < nextNew && (flags[index(cumulative)] & ACKED) != 0) {
            cumulative++;
        }
    }

    /** Queues a chunk for retransmission unless it is acknowledged or already queued. */
    void queueRetransmission(long chunk) {
        if (isAcked(chunk) || (flags[index(chunk)] & QUEUED) != 0) {
            return;
        }
        flags[index(chunk)] |= QUEUED;
        if (queueSize == queue.length) {
            growQueue();
        }
        queue[(queueHead + queueSize++) & (queue.length - 1)] = chunk;
    }

    /** The next chunk to retransmit, or -1; skips chunks acknowledged since they were queued. */
    long pollRetransmission() {
        while (queueSize > 0) {
            long c = queue[queueHead];
            queueHead = (queueHead + 1) & (queue.length - 1);
            queueSize--;
            if (!isAcked(c)) {
                flags[index(c)] &= ~QUEUED;
                return c;
            }
        }
        return -1;
    }

    /** True when a retransmission is waiting (possibly of a chunk acked meanwhile). */
    boolean hasRetransmission() {
        while (queueSize > 0 && isAcked(queue[queueHead])) {
            queueHead = (queueHead + 1) & (queue.length - 1);
            queueSize--;
        }
        return queueSize > 0;
    }

    /** The head of the retransmission queue; call only when {@link #hasRetransmission()}. */
    long peekRetransmission() {
        return queue[queueHead];
    }

    /** The first unacknowledged sent chunk at or after {@code from}, or -1. */
    long firstUnacked(long from) {
        for (long c = Math.max(from, cumulative); c < nextNew; c++) {
            if ((flags[index(c)] & ACKED) == 0) {
                return c;
            }
        }
        return -1;
    }

    int capacity() {
        return flags.length;
    }

    /** Frees the arrays (the transfer is over). */
    void clear() {
        cumulative = nextNew;
        flags = new byte[1];
        lastPacket = new long[1];
        queue = new long[1];
        queueHead = 0;
        queueSize = 0;
    }

    private void grow() {
        byte[] oldFlags = flags;
        long[] oldLast = lastPacket;
        int oldMask = oldFlags.length - 1;
        flags = new byte[oldFlags.length * 2];
        lastPacket = new long[oldFlags.length * 2];
        for (long c = cumulative; c < nextNew; c++) {
            flags[index(c)] = oldFlags[(int) (c & oldMask)];
            lastPacket[index(c)] = oldLast[(int) (c & oldMask)];
        }
    }

    private void growQueue() {
        long[] bigger = new long[queue.length * 2];
        for (int i = 0; i < queueSize; i++) {
            bigger[i] = queue[(queueHead + i) & (queue.length - 1)];
        }
        queue = bigger;
        queueHead = 0;
    }

    private int index(long chunk) {
        return (int) (chunk & (flags.length - 1));
    }
}
