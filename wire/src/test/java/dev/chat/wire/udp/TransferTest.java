package dev.chat.wire.udp;

import static dev.chat.wire.udp.LinkProfile.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole transfers over the simulated link: every file arrives byte-identical. */
class TransferTest {
    private static final long LINK_RATE = 12_500_000; // 100 Mbit/s
    private static final int MIB = 1 << 20;

    private static LinkProfile bottleneck() {
        return LinkProfile.clean(5 * MS).withBandwidth(LINK_RATE, 256 * 1024);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1199, 1200, 1201, 100_000})
    void filesOfEveryBoundarySizeArriveByteIdenticalOnACleanLink(int size) {
        Transfer.of(MemoryFile.randomBytes(size, size), LinkProfile.clean(5 * MS), 1).run().assertIdentical();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1199, 1200, 1201})
    void boundarySizesSurviveHeavyLossToo(int size) {
        LinkProfile lossy = LinkProfile.clean(5 * MS).withLoss(0.3).withDuplicate(0.1).withCorrupt(0.05);
        Transfer.of(MemoryFile.randomBytes(size, size), lossy, 7).run().assertIdentical();
    }

    @ParameterizedTest(name = "{0}% loss")
    @CsvSource({"0", "10", "30"})
    void threeMebibytesArriveByteIdenticalThroughLossDuplicationReorderingAndCorruption(int lossPercent) {
        LinkProfile link = bottleneck().withLoss(lossPercent / 100.0).withDuplicate(0.02)
                .withReorder(0.02, MS).withCorrupt(0.01);
        Transfer t = Transfer.of(MemoryFile.randomBytes(3 * MIB, lossPercent), link, 42 + lossPercent).run();
        System.out.printf("rudp %d%% loss each way, link %.1f MB/s: %s%n", lossPercent, LINK_RATE / 1e6, t.report());
        t.assertIdentical();
    }

    @Test
    void aCleanBottleneckIsFilledToMostOfItsRate() {
        Transfer t = Transfer.of(MemoryFile.randomBytes(4 * MIB, 3), bottleneck(), 3).run();
        System.out.printf("rudp clean bottleneck %.1f MB/s: %s%n", LINK_RATE / 1e6, t.report());
        t.assertIdentical();
        assertTrue(t.goodput() > 0.6 * LINK_RATE, t.report());
    }

    @Test
    void largeLoopbackPayloadsWork() {
        RudpConfig config = RudpConfig.defaults().withPayloadSize(RudpWire.MAX_PAYLOAD).withReceiveWindow(16 * MIB);
        Transfer t = new Transfer(MemoryFile.randomBytes(8 * MIB, 5), 0, config, LinkProfile.clean(MS / 20),
                LinkProfile.clean(MS / 20), 5).run();
        System.out.printf("rudp 65000-byte payloads, 50 us delay, no rate limit: %s%n", t.report());
        t.assertIdentical();
    }

    @Test
    void halfOfAllAcksLostNeverStallsTheTransfer() {
        Transfer t = new Transfer(MemoryFile.randomBytes(2 * MIB, 9), 0, RudpConfig.defaults(), bottleneck(),
                LinkProfile.clean(5 * MS).withLoss(0.5), 9).run();
        t.assertIdentical();
        assertTrue(t.elapsed < 5 * Transfer.SECOND, t.report());
    }

    @Test
    void aSingleLostAckIsHarmless() {
        Transfer t = Transfer.of(MemoryFile.randomBytes(500_000, 10), bottleneck(), 10);
        AtomicInteger acks = new AtomicInteger();
        t.net.toSender.setDropFilter(d -> d[3] == PacketType.ACK.code && acks.incrementAndGet() == 20);
        t.run().assertIdentical();
        assertEquals(1, t.net.toSender.dropped);
    }

    @Test
    void theFinalAckLostIsRecoveredByAProbe() {
        byte[] data = MemoryFile.randomBytes(1000, 11);
        Transfer t = Transfer.of(data, LinkProfile.clean(5 * MS), 11);
        t.net.toSender.setDropFilter(d -> d[3] == PacketType.ACK.code && t.net.toSender.dropped == 0);
        t.run().assertIdentical();
        assertEquals(1, t.net.sender.stats().probeTimeouts());
        assertTrue(t.net.receiver.stats().duplicates() >= 1);
    }

    @Test
    void duplicatedDatagramsAreCountedAndNotWrittenTwice() {
        LinkProfile dup = LinkProfile.clean(5 * MS).withDuplicate(0.3);
        Transfer t = Transfer.of(MemoryFile.randomBytes(300_000, 12), dup, 12).run();
        t.assertIdentical(); // asserts bytesWritten == size
        assertTrue(t.net.receiver.stats().duplicates() > 30, t.report());
    }

    @Test
    void reorderedDatagramsAreCountedAndReassembled() {
        LinkProfile reorder = LinkProfile.clean(5 * MS).withReorder(0.3, 4 * MS);
        Transfer t = Transfer.of(MemoryFile.randomBytes(600_000, 13), reorder, 13).run();
        t.assertIdentical();
        assertTrue(t.net.receiver.stats().outOfOrder() > 30, t.report());
    }

    @Test
    void corruptDatagramsAreDroppedByTheChecksumAndRecovered() {
        LinkProfile corrupt = LinkProfile.clean(5 * MS).withCorrupt(0.1);
        Transfer t = Transfer.of(MemoryFile.randomBytes(600_000, 14), corrupt, 14).run();
        t.assertIdentical();
        assertTrue(t.net.receiver.stats().droppedDatagrams() > 20, t.report());
        assertTrue(t.net.sender.stats().droppedDatagrams() > 5, t.report());
        assertTrue(t.net.sender.stats().retransmissions() > 20, t.report());
    }

    @Test
    void aResumedDownloadSendsOnlyTheRestOfTheFile() {
        byte[] data = MemoryFile.randomBytes(250_000, 15);
        Transfer t = new Transfer(data, 100_000, RudpConfig.defaults(), bottleneck().withLoss(0.05),
                bottleneck().withLoss(0.05), 15).run();
        t.assertIdentical();
        assertEquals(150_000, t.net.receiver.stats().bytesTotal());
        for (int i = 0; i < 100_000; i++) {
            assertEquals(0, t.sink.data[i], "nothing below the start offset is written");
        }
    }

    @Test
    void aResumeAtTheEndOfTheFileClosesAtOnce() {
        byte[] data = MemoryFile.randomBytes(5000, 16);
        Transfer t = new Transfer(data, 5000, RudpConfig.defaults(), LinkProfile.clean(MS), LinkProfile.clean(MS), 16);
        t.run().assertIdentical();
    }
}
