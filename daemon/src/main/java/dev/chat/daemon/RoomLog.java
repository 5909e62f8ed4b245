package dev.chat.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The room's events in one order: joins, leaves and broadcasts, each appended once and read by
 * every member's writer at its own pace through a {@link Reader}, instead of being copied into one
 * queue per member. A broadcast to N users therefore costs its sender one append, and a join storm
 * of N users N appends rather than N² queue hand-offs.
 *
 * <p>Storage is a linked list of fixed-size segments. A segment stays reachable while some reader
 * still points into it, so memory is released by the garbage collector once the slowest reader has
 * moved past; {@link #retainedBytes()} says how much that is, for the memory budget.
 *
 * <p>Threads: {@link #append} is called with the registry's lock held (one appender at a time);
 * {@link #reader} likewise, so a new reader starts exactly after the event that announced it. Each
 * {@link Reader} is advanced only by its owner's writer thread. {@link #retainedBytes()} and
 * {@link #slowestReaders()} may be called from any thread.
 */
final class RoomLog {
    static final int SEGMENT_EVENTS = 1024;
    static final long SAMPLE_NANOS = 5_000_000;

    /**
     * One room event.
     *
     * @param from     the member whose broadcast this is (it does not receive it), or null
     * @param endBytes the cost of every event up to and including this one, for the memory budget
     */
    record Event(long seq, SharedFrame frame, Peer from, long endBytes) {
    }

    private static final class Segment {
        final long firstSeq;
        final Event[] events = new Event[SEGMENT_EVENTS];
        volatile Segment next;

        Segment(long firstSeq) {
            this.firstSeq = firstSeq;
        }
    }

    /** Called when an event arrives for a reader whose writer is parked. */
    interface Wakeable {
        void wake();
    }

    private final Set<Reader> readers = ConcurrentHashMap.newKeySet();
    private final WakeRounds sleepers;
    /** Appender only (registry lock). */
    private Segment last = new Segment(1);
    /** The sequence number of the newest event; 0 before the first. Written by the appender. */
    private volatile long head;
    private volatile long appendedBytes;
    private volatile long retainedSample;
    private volatile long sampledAt = System.nanoTime() - SAMPLE_NANOS;

    RoomLog() {
        this(new WakeRounds());
    }

    RoomLog(WakeRounds sleepers) {
        this.sleepers = sleepers;
    }

    /** The newest event's sequence number (0 before the first). */
    long head() {
        return head;
    }

    /**
     * Appends an event; its round ({@link WakeRounds}) wakes the parked writers. Caller holds the registry's lock.
     *
     * @param cost bytes the event costs to keep (about its encoded size)
     * @return the event's sequence number
     */
    long append(SharedFrame frame, Peer from, int cost) {
        long seq = head + 1;
        int index = (int) (seq - last.firstSeq);
        if (index == SEGMENT_EVENTS) {
            Segment next = new Segment(seq);
            last.next = next;
            last = next;
            index = 0;
        }
        long total = appendedBytes + cost;
        last.events[index] = new Event(seq, frame, from, total);
        appendedBytes = total;
        head = seq; // publishes the event: readers read head before the slot
        sleepers.appended();
        return seq;
    }

    /** A reader of every event after the newest one. Caller holds the registry's lock. */
    Reader reader(Peer owner) {
        Reader reader = new Reader(owner, last, head, appendedBytes);
        readers.add(reader);
        return reader;
    }

    /** Asks for {@code sleeper.wake()} after the next append (once), in that append's round. */
    void wakeOnAppend(Wakeable sleeper) {
        sleepers.add(sleeper);
    }

    /**
     * Whether the events kept for readers that are behind cost more than {@code limit} bytes.
     * Measuring walks every reader, so a measurement is reused for {@link #SAMPLE_NANOS}.
     */
    boolean over(long limit) {
        return sampledRetainedBytes() > limit;
    }

    /** {@link #retainedBytes()}, measured at most once per {@link #SAMPLE_NANOS}. */
    long sampledRetainedBytes() {
        long now = System.nanoTime();
        if (now - sampledAt >= SAMPLE_NANOS) {
            retainedSample = retainedBytes();
            sampledAt = now;
        }
        return retainedSample;
    }

    /** Bytes of events some reader has not read yet (an estimate while readers move). */
    long retainedBytes() {
        long oldest = appendedBytes;
        for (Reader reader : readers) {
            oldest = Math.min(oldest, reader.readBytes);
        }
        return appendedBytes - oldest;
    }

    /** The owners of the readers furthest behind, when any reader is behind at all. */
    List<Peer> slowestReaders() {
        long oldest = Long.MAX_VALUE;
        List<Peer> slowest = new ArrayList<>();
        for (Reader reader : readers) {
            long read = reader.readBytes;
            if (read < oldest) {
                oldest = read;
                slowest.clear();
            }
            if (read == oldest) {
                slowest.add(reader.owner);
            }
        }
        return oldest < appendedBytes ? slowest : List.of();
    }

    int readerCount() {
        return readers.size();
    }

    /** One member's position in the log. Advanced only by its owner's writer thread. */
    final class Reader {
        private final Peer owner;
        private final long firstSeq;
        private Segment segment;
        private volatile long cursor;
        private volatile long readBytes;

        private Reader(Peer owner, Segment segment, long cursor, long readBytes) {
            this.owner = owner;
            this.segment = segment;
            this.cursor = cursor;
            this.firstSeq = cursor + 1;
            this.readBytes = readBytes;
        }

        /** The sequence number of the last event read (or skipped). */
        long cursor() {
            return cursor;
        }

        /** The first event this reader may see: everything before it happened before it joined. */
        long firstSeq() {
            return firstSeq;
        }

        boolean hasNext() {
            return cursor < head;
        }

        /** The next event, or null when the reader is at the head. */
        Event next() {
            long seq = cursor + 1;
            if (seq > head) {
                return null;
            }
            int index = (int) (seq - segment.firstSeq);
            if (index >= SEGMENT_EVENTS) {
                segment = segment.next;
                index -= SEGMENT_EVENTS;
            }
            Event event = segment.events[index];
            cursor = seq;
            readBytes = event.endBytes();
            return event;
        }

        /** Stops counting this reader; it may still be read by its owner, but holds no memory. */
        void close() {
            readers.remove(this);
        }
    }
}
