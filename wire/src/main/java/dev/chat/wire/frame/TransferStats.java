package dev.chat.wire.frame;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.Limits;
import dev.chat.wire.ProtocolException;

/**
 * Event: the daemon's reliable-UDP sender statistics for the session's running {@code transfer}
 * (PROTOCOL.md §16.9), sent at most four times a second while it runs. Lossy by design: the daemon
 * skips it when the session's queue is busy, so a client keeps the latest and never waits for one.
 *
 * @param srttUs          the sender's smoothed RTT in microseconds (0 before the first sample)
 * @param cwnd            the congestion window in bytes (BBR: its inflight cap)
 * @param bytesInFlight   bytes sent and neither acknowledged nor declared lost
 * @param retransmissions data datagrams sent again, after loss or as probes
 * @param lost            data datagrams declared lost (some may have arrived: spurious)
 */
@FrameType("transfer_stats")
public record TransferStats(long transfer, long srttUs, long cwnd, long bytesInFlight, long retransmissions,
                            long lost) implements ServerFrame {
    public TransferStats {
        Transfers.checkTransfer(transfer, null);
        counter("srtt_us", srttUs);
        counter("cwnd", cwnd);
        counter("bytes_in_flight", bytesInFlight);
        counter("retransmissions", retransmissions);
        counter("lost", lost);
    }

    private static void counter(String field, long value) {
        if (value < 0 || value > Limits.MAX_ID) {
            throw new ProtocolException(ErrorCode.BAD_FRAME,
                    "field '" + field + "' must be an integer from 0 to " + Limits.MAX_ID);
        }
    }
}
