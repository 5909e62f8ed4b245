package dev.chat.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyHistogramTest {
    @Test
    void percentilesOfAUniformSpreadAreWithinTwoPercent() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++) {
            h.record(v * 1000);
        }
        assertEquals(100_000, h.count());
        assertEquals(50_000_000, h.percentileNanos(0.5), 1_000_000);
        assertEquals(99_000_000, h.percentileNanos(0.99), 1_980_000);
        assertEquals(100_000_000, h.percentileNanos(1.0));
        assertEquals(100_000_000, h.maxNanos());
    }

    @Test
    void everyBucketsUpperEdgeHoldsTheValuesThatMapToIt() {
        for (long v : new long[] {0, 1, 63, 64, 65, 127, 128, 1_000, 123_456_789, 1L << 40}) {
            int i = LatencyHistogram.index(v);
            assertTrue(LatencyHistogram.upperEdge(i) >= v, "upper edge of " + v);
            assertTrue(i == 0 || LatencyHistogram.upperEdge(i - 1) < v, "previous edge of " + v);
        }
    }

    @Test
    void anEmptyHistogramReportsZero() {
        assertEquals(0, new LatencyHistogram().percentileNanos(0.99));
        assertEquals(0, new LatencyHistogram().maxNanos());
    }

    /**
     * Each thread records rising values interleaved with the others', so the maximum changes hands
     * all the time: a check-then-write maximum loses the largest value when a thread overwrites it
     * with the smaller one it had checked just before.
     */
    @Test
    @Timeout(30)
    void theMaximumIsExactWhenManyThreadsRecordAtOnce() throws InterruptedException {
        int threads = 4;
        int perThread = 200_000;
        for (int round = 0; round < 5; round++) {
            LatencyHistogram h = new LatencyHistogram();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> recorders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                recorders.add(Thread.ofPlatform().start(() -> {
                    awaitQuietly(start);
                    for (long i = 0; i < perThread; i++) {
                        h.record(i * threads + offset);
                    }
                }));
            }
            start.countDown();
            for (Thread recorder : recorders) {
                recorder.join();
            }
            assertEquals((long) threads * perThread, h.count());
            assertEquals((long) perThread * threads - 1, h.maxNanos(), "round " + round);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aStampIsFoundInAJsonLineAndAnIrcLine() {
        String text = Stamp.text(7, -123456789L);
        java.nio.ByteBuffer json = java.nio.ByteBuffer.wrap(("{\"type\":\"message\",\"from\":\"u1\",\"to\":\"all\",\"text\":\""
                + text + "\",\"ts\":1}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.nio.ByteBuffer irc = java.nio.ByteBuffer.wrap((":u1!u1@127.0.0.1 PRIVMSG #bench :" + text)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(-123456789L, Stamp.find(json));
        assertEquals(-123456789L, Stamp.find(irc));
        assertEquals(Long.MIN_VALUE, Stamp.find(java.nio.ByteBuffer.wrap("no stamp ~t~".getBytes())));
    }
}
