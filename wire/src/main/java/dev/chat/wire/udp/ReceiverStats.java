package dev.chat.wire.udp;

/**
 * A snapshot of a receiver for progress display. Sizes in bytes.
 *
 * @param bytesReceived distinct file bytes written to the sink (from the start offset)
 * @param bytesTotal file bytes expected (file size minus start offset), -1 before the handshake
 * @param duplicates data datagrams whose bytes had arrived already (not written again)
 * @param outOfOrder data datagrams that arrived above a gap
 * @param droppedDatagrams datagrams dropped as malformed, or as failing authentication (corrupt, forged, another key)
 * @param beyondWindow data datagrams dropped for lying beyond the advertised window
 */
public record ReceiverStats(
        long bytesReceived,
        long bytesTotal,
        long dataPackets,
        long duplicates,
        long outOfOrder,
        long acksSent,
        long droppedDatagrams,
        long beyondWindow) {}
