package dev.chat.daemon;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FanoutPacerTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aCalmSenderWithinItsBurstNeverPauses() {
        FanoutPacer pacer = new FanoutPacer(1_000_000, 4_000_000, now::get);
        for (int i = 0; i < 40; i++) {
            assertEquals(0, pacer.charge(100_000));
        }
    }

    @Test
    void aChargeOverTheBudgetIsPaidWithAPauseOfDebtOverRate() {
        FanoutPacer pacer = new FanoutPacer(1_000_000, 1_000_000, now::get);
        assertEquals(0, pacer.charge(1_000_000));
        assertEquals(2_000_000_000L, pacer.charge(2_000_000), "2 MB of debt at 1 MB/s is two seconds");
        now.addAndGet(2_000_000_000L); // the sender paused
        assertEquals(500_000_000L, pacer.charge(500_000), "the pause paid the debt; the budget is empty, not full");
    }

    @Test
    void theBudgetRefillsOnlyUpToTheBurst() {
        FanoutPacer pacer = new FanoutPacer(1_000_000, 1_000_000, now::get);
        now.addAndGet(60_000_000_000L);
        assertEquals(0, pacer.charge(1_000_000));
        assertEquals(1_000_000L, pacer.charge(1_000), "a minute of quiet buys one burst, no more");
    }

    @Test
    void aRateOfZeroTurnsTheChargeOff() {
        FanoutPacer pacer = new FanoutPacer(0, 0, now::get);
        assertEquals(0, pacer.charge(Long.MAX_VALUE / 2));
    }
}
