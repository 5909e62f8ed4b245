package dev.chat.daemon.transfer;

import dev.chat.wire.frame.TransferStats;
import dev.chat.wire.udp.SenderStats;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest sender statistics of each running UDP transfer, between the UDP driver thread, which
 * {@linkplain #publish publishes} a snapshot at most every {@link #INTERVAL_NANOS}, and the service's
 * timer thread, which {@linkplain #deliver delivers} each snapshot at most once to the session that
 * owns the transfer as a {@code transfer_stats} frame. The driver never touches a session's queue, so
 * a slow chat connection cannot stall it. Thread-safe.
 */
final class SenderStatsBoard {
    /** 250 ms: at most four frames a second per transfer. */
    static final long INTERVAL_NANOS = 250_000_000L;

    private record Snapshot(Grant grant, SenderStats stats) {
    }

    private final Map<Long, Snapshot> latest = new ConcurrentHashMap<>();

    /** Driver thread: replaces the transfer's snapshot (an undelivered older one is superseded). */
    void publish(Grant grant, SenderStats stats) {
        latest.put(grant.transfer(), new Snapshot(grant, stats));
    }

    /** Driver thread: the transfer ended; an undelivered snapshot is dropped. */
    void remove(Grant grant) {
        latest.remove(grant.transfer());
    }

    /** Timer thread: hands each fresh snapshot to its session (which may drop it when busy). */
    void deliver() {
        for (Map.Entry<Long, Snapshot> entry : latest.entrySet()) {
            Snapshot snapshot = entry.getValue();
            if (latest.remove(entry.getKey(), snapshot)) {
                TransferSession session = snapshot.grant().session();
                session.offerStats(frame(snapshot.grant().transfer(), snapshot.stats()));
            }
        }
    }

    /** Number of snapshots waiting (tests). */
    int pending() {
        return latest.size();
    }

    static TransferStats frame(long transfer, SenderStats s) {
        return new TransferStats(transfer, s.smoothedRtt() / 1_000, s.congestionWindow(), s.bytesInFlight(),
                s.retransmissions(), s.lostPackets());
    }
}
