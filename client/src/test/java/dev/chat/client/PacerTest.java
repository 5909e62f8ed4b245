package dev.chat.client;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacerTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private int takeAll(Pacer pacer) {
        int taken = 0;
        while (pacer.tryTake() == 0) {
            taken++;
        }
        return taken;
    }

    @Test
    void aFullBucketLetsFourFifthsOfTheDaemonsBurstGoLessTheHellosAlreadySent() {
        assertEquals(40 - 1, takeAll(new Pacer(20, 50, 1, now::get)));
    }

    @Test
    void anEmptyBucketSaysHowLongUntilTheNextFrameAndRefillsAtTheDaemonsRate() {
        Pacer pacer = new Pacer(20, 50, 0, now::get);
        takeAll(pacer);
        long wait = pacer.tryTake();
        assertTrue(wait > 0 && wait <= 50_000_000L, "wait " + wait);
        now.addAndGet(wait);
        assertEquals(0, pacer.tryTake());
        now.addAndGet(1_000_000_000L); // one second: 20 more
        assertEquals(20, takeAll(pacer));
    }

    @Test
    void refillStopsAtTheReducedBurstHoweverLongTheSilence() {
        Pacer pacer = new Pacer(20, 50, 0, now::get);
        takeAll(pacer);
        now.addAndGet(3_600_000_000_000L);
        assertEquals(40, takeAll(pacer));
    }

    @Test
    void aRateOfZeroIsNoLimit() {
        Pacer pacer = new Pacer(0, 0, 5, now::get);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(0, pacer.tryTake());
        }
    }
}
