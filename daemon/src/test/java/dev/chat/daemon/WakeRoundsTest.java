package dev.chat.daemon;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WakeRoundsTest {
    private record Scheduled(Runnable round, long delayNanos) {
    }

    private final List<Scheduled> scheduled = new ArrayList<>();
    private long now = 1_000_000;
    private final WakeRounds rounds = new WakeRounds((round, delay) -> scheduled.add(new Scheduled(round, delay)),
            () -> now);

    @Test
    void anAppendWithNobodyParkedSchedulesNothing() {
        rounds.appended();
        assertEquals(List.of(), scheduled);
    }

    @Test
    void theFirstAppendAfterAQuietSpellWakesAtOnce() {
        int[] wakes = new int[1];
        rounds.add(() -> wakes[0]++);
        rounds.appended();
        assertEquals(1, scheduled.size());
        assertEquals(0, scheduled.get(0).delayNanos());
        scheduled.get(0).round().run();
        assertEquals(1, wakes[0]);
    }

    @Test
    void appendsWhileARoundIsDueShareThatRound() {
        int[] wakes = new int[1];
        rounds.add(() -> wakes[0]++);
        for (int i = 0; i < 100; i++) {
            rounds.appended();
        }
        assertEquals(1, scheduled.size(), "one round for a hundred appends");
        scheduled.get(0).round().run();
        assertEquals(1, wakes[0], "each writer is woken once and sends the hundred events in one write");
    }

    @Test
    void theNextRoundWaitsInProportionToHowManyTheLastOneWoke() {
        for (int i = 0; i < 1000; i++) {
            rounds.add(() -> { });
        }
        rounds.appended();
        assertEquals(1000, rounds.round());
        rounds.add(() -> { });
        now += 500_000;
        rounds.appended();
        assertEquals(1000 * WakeRounds.GAP_PER_WAKE_NANOS - 500_000, scheduled.get(1).delayNanos());
    }

    @Test
    void theGapIsBoundedSoNoEventWaitsLongerThanTheMaximum() {
        for (int i = 0; i < 1_000_000; i++) {
            rounds.add(() -> { });
        }
        rounds.appended();
        rounds.round();
        rounds.add(() -> { });
        rounds.appended();
        assertEquals(WakeRounds.MAX_GAP_NANOS, scheduled.get(1).delayNanos());
    }

    @Test
    void aWriterThatAsksAfterARoundIsWokenByTheNextAppendsRound() {
        int[] wakes = new int[1];
        rounds.add(() -> wakes[0]++);
        rounds.appended();
        scheduled.get(0).round().run();
        rounds.add(() -> wakes[0]++);
        now += WakeRounds.MAX_GAP_NANOS;
        rounds.appended();
        assertEquals(2, scheduled.size());
        scheduled.get(1).round().run();
        assertEquals(2, wakes[0]);
    }
}
