package dev.chat.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process, read from {@code /proc} (Linux). CPU is user plus
 * system time of all its threads, in clock ticks of 1/100 s (the value of USER_HZ on Linux).
 */
record ProcStats(double cpuSeconds, long rssBytes) {
    private static final double TICKS_PER_SECOND = 100.0;

    static ProcStats of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return new ProcStats(ticks / TICKS_PER_SECOND, rss);
        } catch (IOException | RuntimeException e) {
            return new ProcStats(Double.NaN, -1);
        }
    }

    static ProcStats self() {
        return of(ProcessHandle.current().pid());
    }

    static double selfCpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return self().cpuSeconds();
    }
}
