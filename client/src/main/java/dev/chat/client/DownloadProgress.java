package dev.chat.client;

import java.time.Duration;

/**
 * A progress snapshot.
 *
 * @param bytesDone      bytes of the file held locally (a resumed download starts at its offset)
 * @param total          the file's size, -1 before the daemon said
 * @param bytesPerSecond recent rate (smoothed over about a second)
 * @param eta            time left at that rate; null when unknown (no rate yet)
 * @param udp            reliable-UDP details, null for TCP
 */
public record DownloadProgress(long bytesDone, long total, double bytesPerSecond, Duration eta, UdpStats udp) {
}
