package dev.chat.client.cli;

import dev.chat.client.TransferProtocol;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransfersTest {
    @Test
    void aRunningDownloadShowsItsShareAndRateUntilItEnds() {
        Transfers transfers = new Transfers();
        AtomicInteger changes = new AtomicInteger();
        transfers.onChange(changes::incrementAndGet);
        Transfers.Handle handle = transfers.start("big.iso", TransferProtocol.UDP);
        assertEquals(List.of("↓ big.iso udp 0 B 0 B/s"), transfers.lines());
        handle.progress(new Downloader.Progress(512 * 1024, 1024 * 1024, 1.5 * 1024 * 1024));
        assertEquals(List.of("↓ big.iso udp 50% 1.5 MiB/s"), transfers.lines());
        handle.finished();
        assertTrue(transfers.isEmpty());
        assertEquals(3, changes.get());
    }

    @Test
    void sizesUseBinaryUnits() {
        assertEquals("1023 B", Transfers.bytes(1023));
        assertEquals("1.0 KiB", Transfers.bytes(1024));
        assertEquals("2.5 GiB", Transfers.bytes(5L * 1024 * 1024 * 1024 / 2));
    }
}
