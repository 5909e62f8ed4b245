package dev.chat.daemon;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private static void take(TokenBucket bucket, int n) {
        for (int i = 0; i < n; i++) {
            assertTrue(bucket.tryAcquire(), "token " + i);
        }
    }

    @Test
    void aFullBucketAllowsTheBurstAndThenRefuses() {
        TokenBucket bucket = new TokenBucket(20, 50, now::get);
        take(bucket, 50);
        assertFalse(bucket.tryAcquire());
    }

    @Test
    void tokensComeBackAtTheRate() {
        TokenBucket bucket = new TokenBucket(20, 50, now::get);
        take(bucket, 50);
        now.addAndGet(49_000_000L); // 0.98 tokens
        assertFalse(bucket.tryAcquire());
        now.addAndGet(1_000_000L); // 1 token
        assertTrue(bucket.tryAcquire());
        assertFalse(bucket.tryAcquire());
        now.addAndGet(500_000_000L); // 10 tokens
        take(bucket, 10);
        assertFalse(bucket.tryAcquire());
    }

    @Test
    void aLongPauseRefillsOnlyUpToTheBurst() {
        TokenBucket bucket = new TokenBucket(20, 5, now::get);
        take(bucket, 5);
        now.addAndGet(3_600_000_000_000L);
        take(bucket, 5);
        assertFalse(bucket.tryAcquire());
    }

    @Test
    void rateZeroMeansNoLimit() {
        TokenBucket bucket = new TokenBucket(0, 0, now::get);
        take(bucket, 100_000);
    }
}
