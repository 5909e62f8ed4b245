package dev.chat.daemon;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DeadlinesTest {
    private static final long S = 1_000_000_000L;
    private static final long T0 = 5 * S;

    private final Deadlines deadlines = new Deadlines(Duration.ofSeconds(10), Duration.ofSeconds(60),
            Duration.ofSeconds(60), T0);

    @Test
    void theFirstLineIsDueWithinTheHelloTimeout() {
        assertEquals(10 * S, deadlines.remaining(T0));
        assertEquals(Deadlines.Due.NOTHING, deadlines.due(T0 + 10 * S - 1));
        assertEquals(Deadlines.Due.HELLO_TIMEOUT, deadlines.due(T0 + 10 * S));
        assertEquals(0, deadlines.remaining(T0 + 11 * S));
    }

    @Test
    void afterTheFirstLineTheJoinIsDueSixtySecondsAfterConnecting() {
        deadlines.lineReceived(T0 + 2 * S);
        deadlines.lineReceived(T0 + 50 * S);
        assertEquals(10 * S, deadlines.remaining(T0 + 50 * S));
        assertEquals(Deadlines.Due.HELLO_TIMEOUT, deadlines.due(T0 + 60 * S));
    }

    @Test
    void aJoinedSessionIsPingedAtHalfTheIdleTimeoutAndDroppedAtIt() {
        deadlines.lineReceived(T0 + S);
        deadlines.joined(T0 + S);
        assertEquals(30 * S, deadlines.remaining(T0 + S));
        assertEquals(Deadlines.Due.NOTHING, deadlines.due(T0 + 30 * S));
        assertEquals(Deadlines.Due.PING, deadlines.due(T0 + 31 * S));
        deadlines.pingSent();
        assertEquals(30 * S, deadlines.remaining(T0 + 31 * S));
        assertEquals(Deadlines.Due.NOTHING, deadlines.due(T0 + 60 * S));
        assertEquals(Deadlines.Due.IDLE_TIMEOUT, deadlines.due(T0 + 61 * S));
    }

    @Test
    void anyCompleteLineMovesTheIdleDeadline() {
        deadlines.joined(T0);
        deadlines.pingSent();
        deadlines.lineReceived(T0 + 50 * S);
        assertEquals(Deadlines.Due.NOTHING, deadlines.due(T0 + 61 * S));
        assertEquals(Deadlines.Due.PING, deadlines.due(T0 + 80 * S));
    }

    @Test
    void textSessionsAreNeverPingedAndEndAfterTheirInputSilence() {
        deadlines.textMode(Duration.ofSeconds(300));
        assertEquals(10 * S, deadlines.remaining(T0));
        deadlines.joined(T0 + S);
        assertEquals(300 * S, deadlines.remaining(T0 + S));
        assertEquals(Deadlines.Due.NOTHING, deadlines.due(T0 + 200 * S));
        deadlines.lineReceived(T0 + 200 * S); // an empty line keeps the session
        assertEquals(Deadlines.Due.NOTHING, deadlines.due(T0 + 499 * S));
        assertEquals(Deadlines.Due.IDLE_TIMEOUT, deadlines.due(T0 + 500 * S));
    }

    @Test
    void aShortJoinTimeoutBeatsTheHelloTimeout() {
        Deadlines tight = new Deadlines(Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofSeconds(60), T0);
        assertEquals(3 * S, tight.remaining(T0));
    }
}
