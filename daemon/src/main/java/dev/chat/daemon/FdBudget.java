package dev.chat.daemon;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The file descriptors the network may make the daemon open: the process's limit minus what was
 * open at start-up minus a headroom for the JVM, logs, hashing and the listing of the shared folder.
 * Every admitted connection takes one and every transfer slot one (its file), so running out is a
 * typed refusal at the door, never an {@code EMFILE} in the middle of serving someone. Thread-safe.
 */
final class FdBudget {
    /** Descriptors never handed to connections: at least this many, or 1/20 of the limit. */
    static final int MIN_HEADROOM = 64;

    private final long capacity;
    private long used;

    FdBudget(long capacity) {
        this.capacity = Math.max(0, capacity);
    }

    /** The budget of this process: {@code limit} (0 = the process's own limit) less what is open and the headroom. */
    static FdBudget forProcess(long limit) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        long max = limit;
        long open = 0;
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            max = limit > 0 ? Math.min(limit, unix.getMaxFileDescriptorCount()) : unix.getMaxFileDescriptorCount();
            open = unix.getOpenFileDescriptorCount();
        } else if (max <= 0) {
            max = Long.MAX_VALUE / 2; // not a Unix: no descriptor limit to derive from
        }
        return new FdBudget(max - open - headroom(max));
    }

    static long headroom(long limit) {
        return Math.max(MIN_HEADROOM, limit / 20);
    }

    long capacity() {
        return capacity;
    }

    synchronized boolean tryTake() {
        if (used >= capacity) {
            return false;
        }
        used++;
        return true;
    }

    synchronized void give(int n) {
        used = Math.max(0, used - n);
    }

    synchronized long used() {
        return used;
    }
}
