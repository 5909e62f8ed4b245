package dev.chat.client;

import dev.chat.daemon.transfer.ImpairmentSettings;
import dev.chat.daemon.transfer.TransferSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon reports its reliable-UDP sender's statistics on the chat connection, and UDP progress
 * events carry them: a real RTT, a congestion window, and the sender's retransmissions under loss.
 * A delay of 40 ms each way keeps the transfers running for several reports.
 */
@Timeout(60)
class UdpSenderStatsTest extends DownloadFixture {
    private static TransferSettings impaired(double loss) {
        return TransferSettings.DEFAULTS.withImpairment(new ImpairmentSettings(loss, 0, 0, 40, 0, 7));
    }

    /** The UDP details of every progress event (none before the grant: the transport is not running yet). */
    private List<UdpStats> download(String name, byte[] data) throws Exception {
        List<DownloadProgress> progress = new CopyOnWriteArrayList<>();
        DownloadHandle download = join("alice").download(name, TransferProtocol.UDP, downloads, progress::add);
        DownloadResult result = download.result().get(50, TimeUnit.SECONDS);
        assertArrayEquals(data, Files.readAllBytes(result.file()));
        return progress.stream().map(DownloadProgress::udp).filter(Objects::nonNull).toList();
    }

    @Test
    void progressCarriesTheSendersSmoothedRttAndCongestionWindow() throws Exception {
        start(impaired(0));
        byte[] data = share("big.bin", 8 << 20, 21);
        List<UdpStats> progress = download("big.bin", data);
        assertTrue(progress.stream().anyMatch(udp -> udp.smoothedRtt() != null
                        && udp.smoothedRtt().compareTo(Duration.ofMillis(60)) >= 0 && udp.congestionWindow() > 0),
                "a report with the sender's RTT (about 80 ms here) and window: " + progress);
        assertTrue(progress.stream().allMatch(udp -> udp.smoothedRtt() != null
                || udp.congestionWindow() == -1), "no window without an RTT: both come from one report");
    }

    @Test
    void underLossProgressCountsTheSendersRetransmissions() throws Exception {
        start(impaired(0.10));
        byte[] data = share("big.bin", 8 << 20, 22);
        List<UdpStats> progress = download("big.bin", data);
        assertTrue(progress.stream().anyMatch(udp -> udp.retransmissions() > 0
                        && udp.smoothedRtt() != null && udp.congestionWindow() > 0),
                "10% loss each way makes the sender retransmit: " + progress);
        long[] retransmissions = progress.stream().mapToLong(UdpStats::retransmissions).toArray();
        for (int i = 1; i < retransmissions.length; i++) {
            assertTrue(retransmissions[i] >= retransmissions[i - 1], "the sender's count only grows");
        }
    }
}
