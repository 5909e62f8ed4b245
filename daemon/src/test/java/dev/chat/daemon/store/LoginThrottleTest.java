package dev.chat.daemon.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class LoginThrottleTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final InstantSource clock = mock(InstantSource.class);
    private final LoginThrottle throttle = LoginThrottle.ergo(clock);

    @Test
    void theFourthAttemptOnAnAccountWithinAMinuteWaitsForTheWindowToEnd() {
        at(0);
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, throttle.tryAttempt("bob", "10.0.0." + i));
        }
        at(20);
        assertEquals(Duration.ofSeconds(40), throttle.tryAttempt("bob", "10.0.0.9"));
        at(60);
        assertEquals(Duration.ZERO, throttle.tryAttempt("bob", "10.0.0.9"));
    }

    @Test
    void oneAddressGetsThreeAttemptsAMinuteOverAllAccounts() {
        at(0);
        assertEquals(Duration.ZERO, throttle.tryAttempt("ann", "192.0.2.1"));
        assertEquals(Duration.ZERO, throttle.tryAttempt("bob", "192.0.2.1"));
        assertEquals(Duration.ZERO, throttle.tryAttempt("cid", "192.0.2.1"));
        assertEquals(Duration.ofSeconds(60), throttle.tryAttempt("dee", "192.0.2.1"));
        assertEquals(Duration.ZERO, throttle.tryAttempt("dee", "192.0.2.2"));
    }

    @Test
    void aRefusedAttemptIsNotChargedAndARightPasswordStartsAfresh() {
        at(0);
        for (int i = 0; i < 3; i++) {
            throttle.tryAttempt("bob", "192.0.2.1");
        }
        at(59);
        throttle.tryAttempt("bob", "192.0.2.1");
        at(60);
        assertEquals(Duration.ZERO, throttle.tryAttempt("bob", "192.0.2.1"), "the refusal at 59 s did not extend it");
        throttle.succeeded("bob", "192.0.2.1");
        assertEquals(Duration.ZERO, throttle.tryAttempt("bob", "192.0.2.1"));
        assertEquals(Duration.ZERO, throttle.tryAttempt("bob", "192.0.2.1"));
    }

    @Test
    void aFullTableSweepsExpiredWindowsAndOtherwiseFailsClosed() {
        LoginThrottle small = new LoginThrottle(clock, 3, Duration.ofMinutes(1), 4);
        at(0);
        assertEquals(Duration.ZERO, small.tryAttempt("a", "1"));
        assertEquals(Duration.ZERO, small.tryAttempt("b", "2"));
        assertEquals(Duration.ofMinutes(1), small.tryAttempt("c", "3"), "no room: refused, not grown");
        assertEquals(4, small.entries());
        at(61);
        assertEquals(Duration.ZERO, small.tryAttempt("c", "3"));
        assertEquals(2, small.entries());
    }

    private void at(long seconds) {
        when(clock.instant()).thenReturn(T0.plusSeconds(seconds));
    }
}
