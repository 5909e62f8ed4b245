package dev.chat.client.cli;

import dev.chat.client.DownloadProgress;
import dev.chat.client.TransferProtocol;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransferLinesTest {
    @Test
    void aRunningDownloadShowsItsShareAndRateUntilItEnds() {
        TransferLines transfers = new TransferLines();
        AtomicInteger changes = new AtomicInteger();
        transfers.onChange(changes::incrementAndGet);
        TransferLines.Handle handle = transfers.start("big.iso", TransferProtocol.UDP);
        assertEquals(List.of("↓ 1 big.iso udp 0 B 0 B/s"), transfers.lines());
        handle.progress(new DownloadProgress(512 * 1024, 1024 * 1024, 1.5 * 1024 * 1024, null, null));
        assertEquals(List.of("↓ 1 big.iso udp 50% 1.5 MiB/s"), transfers.lines());
        handle.finished();
        assertTrue(transfers.isEmpty());
        assertEquals(3, changes.get());
    }

    @Test
    void sizesUseBinaryUnits() {
        assertEquals("1023 B", TransferLines.bytes(1023));
        assertEquals("1.0 KiB", TransferLines.bytes(1024));
        assertEquals("2.5 GiB", TransferLines.bytes(5L * 1024 * 1024 * 1024 / 2));
    }
}
