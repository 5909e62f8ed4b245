package dev.chat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Kernel counters of the network namespace a process lives in, from {@code /proc/PID/net/snmp}:
 * TCP segments retransmitted, and UDP datagrams dropped for a full receive or send buffer.
 */
record NetStats(long tcpRetransSegs, long udpRcvbufErrors, long udpSndbufErrors) {
    static NetStats of(long pid) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", pid == 0 ? "self" : Long.toString(pid), "net", "snmp"));
            return new NetStats(field(lines, "Tcp:", "RetransSegs"), field(lines, "Udp:", "RcvbufErrors"),
                    field(lines, "Udp:", "SndbufErrors"));
        } catch (IOException | RuntimeException e) {
            return new NetStats(-1, -1, -1);
        }
    }

    NetStats minus(NetStats earlier) {
        return new NetStats(tcpRetransSegs - earlier.tcpRetransSegs, udpRcvbufErrors - earlier.udpRcvbufErrors,
                udpSndbufErrors - earlier.udpSndbufErrors);
    }

    /** The value under {@code name} in the pair of lines (header, values) that start with {@code prefix}. */
    private static long field(List<String> lines, String prefix, String name) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix) && lines.get(i + 1).startsWith(prefix)) {
                String[] names = lines.get(i).split("\\s+");
                String[] values = lines.get(i + 1).split("\\s+");
                for (int k = 1; k < names.length && k < values.length; k++) {
                    if (names[k].equals(name)) {
                        return Long.parseLong(values[k]);
                    }
                }
            }
        }
        return -1;
    }
}
