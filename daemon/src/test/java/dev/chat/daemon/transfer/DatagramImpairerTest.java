package dev.chat.daemon.transfer;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The impairment's decisions: off by default, seeded, close to the asked rates. */
final class DatagramImpairerTest {
    private static final int N = 100_000;

    @Test
    void noImpairmentChangesNothing() {
        DatagramImpairer none = new DatagramImpairer(ImpairmentSettings.NONE);
        assertFalse(none.active());
        ByteBuffer datagram = ByteBuffer.wrap(new byte[] {1, 2, 3});
        for (int i = 0; i < 1000; i++) {
            assertFalse(none.drop());
            assertEquals(1, none.copies());
            assertFalse(none.corrupt(datagram));
            assertEquals(0, none.delayNanos());
        }
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), datagram);
    }

    @Test
    void ratesFollowTheSettings() {
        DatagramImpairer impairment = new DatagramImpairer(new ImpairmentSettings(0.3, 0.1, 0.2, 0, 0.05, 42));
        int dropped = 0;
        int duplicated = 0;
        int reordered = 0;
        int corrupted = 0;
        ByteBuffer datagram = ByteBuffer.allocate(100);
        for (int i = 0; i < N; i++) {
            dropped += impairment.drop() ? 1 : 0;
            duplicated += impairment.copies() == 2 ? 1 : 0;
            reordered += impairment.delayNanos() > 0 ? 1 : 0;
            corrupted += impairment.corrupt(datagram) ? 1 : 0;
        }
        assertEquals(0.3, dropped / (double) N, 0.01);
        assertEquals(0.1, duplicated / (double) N, 0.01);
        assertEquals(0.2, reordered / (double) N, 0.01);
        assertEquals(0.05, corrupted / (double) N, 0.01);
    }

    @Test
    void aCorruptionFlipsExactlyOneBit() {
        DatagramImpairer impairment = new DatagramImpairer(new ImpairmentSettings(0, 0, 0, 0, 1, 3));
        ByteBuffer datagram = ByteBuffer.allocate(64);
        assertTrue(impairment.corrupt(datagram));
        int bits = 0;
        for (int i = 0; i < 64; i++) {
            bits += Integer.bitCount(datagram.get(i) & 0xFF);
        }
        assertEquals(1, bits);
    }

    @Test
    void theSameSeedRepeatsTheSameDecisions() {
        ImpairmentSettings settings = new ImpairmentSettings(0.5, 0.5, 0.5, 2, 0.5, 9);
        DatagramImpairer a = new DatagramImpairer(settings);
        DatagramImpairer b = new DatagramImpairer(settings);
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.drop(), b.drop());
            assertEquals(a.delayNanos(), b.delayNanos());
        }
    }

    @Test
    void aFixedDelayHoldsEveryDatagramAndReorderingAddsUpToFourMilliseconds() {
        DatagramImpairer impairment = new DatagramImpairer(new ImpairmentSettings(0, 0, 1, 5, 0, 1));
        for (int i = 0; i < 1000; i++) {
            long delay = impairment.delayNanos();
            assertTrue(delay >= 6_000_000 && delay <= 9_000_000, () -> "delay " + delay);
        }
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ImpairmentSettings(1, 0, 0, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ImpairmentSettings(-0.1, 0, 0, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ImpairmentSettings(0, 2, 0, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ImpairmentSettings(0, 0, 0, -1, 0, 1));
    }
}
