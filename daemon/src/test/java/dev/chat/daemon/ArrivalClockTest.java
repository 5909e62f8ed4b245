package dev.chat.daemon;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The flood limit charged at arrival: a fake clock stands in for the daemon's stalls. */
class ArrivalClockTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private final AtomicLong now = new AtomicLong(1_000 * MS);

    /** Lines a bucket (20/s, burst 50) refuses when {@code lines} stamped by the clock are charged after a read at {@code readAt}. */
    private static int refused(TokenBucket bucket, ArrivalClock clock, int lines) {
        int refused = 0;
        for (int i = 0; i < lines; i++) {
            if (!bucket.tryAcquire(clock.nextLine())) {
                refused++;
            }
        }
        return refused;
    }

    @Test
    void aCalmBacklogReadAfterA12SecondStallIsNotRateLimited() {
        TokenBucket bucket = new TokenBucket(20, 50, now::get);
        ArrivalClock clock = new ArrivalClock(20, now.get());
        clock.readReturned(now.get(), false);
        assertEquals(0, refused(bucket, clock, 1)); // the last line before the stall
        now.addAndGet(12_000 * MS); // the daemon froze; the client sent 120 lines at 10/s meanwhile
        int refused = 0;
        for (int chunk = 0; chunk < 6; chunk++) { // read back to back in full buffers of 20 lines
            clock.readReturned(now.addAndGet(MS / 10), chunk < 5);
            refused += refused(bucket, clock, 20);
        }
        assertEquals(0, refused);
    }

    @Test
    void chargingAtProcessingTimeWouldHaveLostMostOfThatBacklog() {
        TokenBucket bucket = new TokenBucket(20, 50, now::get);
        now.addAndGet(12_000 * MS);
        int refused = 0;
        for (int i = 0; i < 120; i++) {
            refused += bucket.tryAcquire() ? 0 : 1; // the old behaviour: the time the line is processed
        }
        assertEquals(70, refused);
    }

    @Test
    void aFloodReadBackToBackIsStillLimitedToTheBurst() {
        TokenBucket bucket = new TokenBucket(20, 50, now::get);
        ArrivalClock clock = new ArrivalClock(20, now.get());
        int refused = 0;
        for (int chunk = 0; chunk < 50; chunk++) {
            clock.readReturned(now.addAndGet(MS / 10), false); // the socket is emptied at every read
            refused += refused(bucket, clock, 20);
        }
        assertTrue(refused >= 1000 - 50 - 1, "refused " + refused); // 5 ms of refill at most
    }

    @Test
    void idlingEarnsAtMostTheCreditWindowOfLines() {
        TokenBucket bucket = new TokenBucket(20, 50, now::get);
        ArrivalClock clock = new ArrivalClock(20, now.get());
        now.addAndGet(TimeUnit.MINUTES.toNanos(10)); // silent for ten minutes, then a burst in full reads
        int admitted = 0;
        for (int chunk = 0; chunk < 100; chunk++) {
            clock.readReturned(now.addAndGet(MS / 10), true);
            admitted += 20 - refused(bucket, clock, 20);
        }
        long credit = TimeUnit.NANOSECONDS.toSeconds(ArrivalClock.MAX_CREDIT) * 20;
        assertTrue(admitted <= credit + 50 + 1, "admitted " + admitted);
    }

    @Test
    void stampsNeverRunBackwardsNorPassTheirRead() {
        ArrivalClock clock = new ArrivalClock(20, now.get());
        clock.readReturned(now.addAndGet(1000 * MS), true);
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < 100; i++) {
            long stamp = clock.nextLine();
            assertTrue(stamp >= previous && stamp <= now.get());
            previous = stamp;
        }
        assertEquals(now.get(), previous);
    }

    @Test
    void withoutALimitEveryLineIsStampedWithItsRead() {
        ArrivalClock clock = new ArrivalClock(0, now.get());
        clock.readReturned(now.addAndGet(5000 * MS), false);
        assertEquals(now.get(), clock.nextLine());
    }
}
