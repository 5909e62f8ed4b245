package dev.chat.client.tui;

import java.time.Duration;

/**
 * A transfer's progress as the transfers pane shows it; mirrors the library's planned
 * {@code DownloadProgress} and, for UDP, its {@code UdpStats}.
 *
 * @param bytesDone       bytes received so far
 * @param total           the file's size, or -1 while unknown
 * @param bytesPerSecond  current rate, 0 when unknown
 * @param eta             time left, or null when unknown
 * @param rtt             smoothed round-trip time (UDP), or null
 * @param retransmissions packets sent again (UDP), or -1 for TCP
 */
record TransferProgress(long bytesDone, long total, double bytesPerSecond, Duration eta, Duration rtt,
                        long retransmissions) {
    static final TransferProgress NONE = new TransferProgress(0, -1, 0, null, null, -1);

    TransferProgress {
        if (bytesDone < 0) {
            throw new IllegalArgumentException("bytesDone is negative: " + bytesDone);
        }
    }

    boolean complete() {
        return total >= 0 && bytesDone >= total;
    }
}
