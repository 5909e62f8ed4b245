package dev.chat.wire.udp;

/**
 * A snapshot of a sender for progress display and benchmarks. Times in nanos, sizes in bytes.
 *
 * @param bytesAcked file bytes the receiver acknowledged (from the start offset)
 * @param bytesTotal file bytes this transfer sends (file size minus start offset)
 * @param retransmissions data datagrams sent again (after loss or as PTO probes)
 * @param lostPackets packets declared lost (some may have arrived: spurious)
 * @param congestionEvents window reductions: NewReno halvings (at most one per round trip), or BBR
 *     congested loss epochs and persistent congestion (PROTOCOL.md §16.8.6)
 * @param congestionWindow the congestion window in bytes (BBR: its inflight cap)
 * @param droppedDatagrams datagrams dropped as malformed, or as failing authentication (corrupt, forged, another key)
 */
public record SenderStats(
        long bytesAcked,
        long bytesTotal,
        long packetsSent,
        long retransmissions,
        long lostPackets,
        long probeTimeouts,
        long congestionEvents,
        long smoothedRtt,
        long rttVariance,
        long minRtt,
        long congestionWindow,
        long bytesInFlight,
        long peerReceiveWindow,
        long droppedDatagrams) {}
