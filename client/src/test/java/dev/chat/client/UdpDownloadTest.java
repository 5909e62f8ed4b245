package dev.chat.client;

import dev.chat.daemon.transfer.ImpairmentSettings;
import dev.chat.daemon.transfer.TransferSettings;
import dev.chat.wire.udp.RudpWire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Reliable-UDP downloads from a real daemon on loopback, clean and through the daemon's impairment
 * (loss, duplication, reordering, corruption both ways). The daemon's payload is the default 1200 so
 * the boundary sizes mean what they say.
 */
@Timeout(90)
class UdpDownloadTest extends DownloadFixture {
    private static final int P = RudpWire.DEFAULT_PAYLOAD;
    private static final int[] BOUNDARIES = {0, 1, P - 1, P, P + 1};

    private void boundariesAndOneOf(int bigSize, ImpairmentSettings impairment) throws Exception {
        start(TransferSettings.DEFAULTS.withImpairment(impairment));
        ChatClient alice = join("alice");
        for (int size : BOUNDARIES) {
            byte[] data = share("f" + size + ".bin", size, size);
            fetchAndCheck(alice, "f" + size + ".bin", TransferProtocol.UDP, data);
        }
        byte[] big = share("big.bin", bigSize, 42);
        fetchAndCheck(alice, "big.bin", TransferProtocol.UDP, big);
        assertFalse(Files.exists(downloads.resolve("big.bin.part")));
    }

    @Test
    void cleanLinkDeliversBoundarySizesAndEightMebibytes() throws Exception {
        boundariesAndOneOf(8 << 20, ImpairmentSettings.NONE);
    }

    @Test
    void tenPercentLossWithDuplicationReorderingAndCorruption() throws Exception {
        boundariesAndOneOf(8 << 20, new ImpairmentSettings(0.10, 0.05, 0.05, 0, 0.02, 7));
    }

    /**
     * 30% loss each way: the 8 MiB file took about 27 s in a timed run with today's NewReno
     * controller (under the 60 s bound, but over half the test budget), so the boundary sizes run
     * here with a 1 MiB file, and the 8 MiB case is its own test below.
     */
    @Test
    void thirtyPercentLossWithDuplicationReorderingAndCorruption() throws Exception {
        boundariesAndOneOf(1 << 20, new ImpairmentSettings(0.30, 0.05, 0.05, 0, 0.02, 11));
    }

    @Test
    void eightMebibytesAtThirtyPercentLoss() throws Exception {
        start(TransferSettings.DEFAULTS.withImpairment(new ImpairmentSettings(0.30, 0.05, 0.05, 0, 0.02, 13)));
        byte[] big = share("big.bin", 8 << 20, 43);
        fetchAndCheck(join("alice"), "big.bin", TransferProtocol.UDP, big);
    }
}
