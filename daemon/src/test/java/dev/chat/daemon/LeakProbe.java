package dev.chat.daemon;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a leak would grow, read in-process (the daemon runs in the test JVM): platform threads
 * (virtual threads are not platform threads and are counted through the daemon's connections
 * instead), open file descriptors, and heap in use after garbage collection.
 */
final class LeakProbe {
    private LeakProbe() {
    }

    /**
     * The daemon's fixed-size pools, which start their threads on first use (a first download
     * starts a hashing and an opening thread) up to a configured bound: growth there is not a leak.
     */
    private static final Set<String> BOUNDED_POOLS = Set.of("chatd-hash", "chatd-open");

    /**
     * Live platform threads outside {@link #BOUNDED_POOLS}; Thread.getAllStackTraces does not list
     * virtual threads.
     */
    static int platformThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !BOUNDED_POOLS.contains(t.getName()))
                .count();
    }

    /** Open file descriptors of this process (Linux), or -1 where /proc is missing. */
    static long openFileDescriptors() {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> list = Files.list(fds)) {
            return list.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Heap in use after a few collections (System.gc is a request: repeat until it settles). */
    static long heapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }

    record Snapshot(int threads, long fds, long heap) {
        static Snapshot take() {
            return new Snapshot(platformThreads(), openFileDescriptors(), heapAfterGc());
        }

        @Override
        public String toString() {
            return threads + " platform threads, " + fds + " fds, " + heap / 1024 + " KiB heap";
        }
    }
}
