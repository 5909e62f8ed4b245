package dev.chat.bench;

import org.junit.jupiter.api.Test;

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
