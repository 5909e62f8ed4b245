package dev.chat.client.tui;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The smart filter's rule on a clock of plain numbers (milliseconds). */
class SmartFilterTest {
    private static final long MINUTE = 60_000;

    @Test
    void aJoinIsQuietUntilTheUserSpeaksWithinTheDelayAfterIt() {
        SmartFilter filter = new SmartFilter();
        ChatLine join = filter.joined("Bob", 0);
        assertTrue(join.quiet());
        assertSame(join, filter.spoke("bob", 4 * MINUTE), "a case-folded name unmasks the same join");
        assertNull(filter.spoke("bob", 5 * MINUTE), "a join is unmasked once");
    }

    @Test
    void aJoinIsNotUnmaskedBySpeechLongAfterIt() {
        SmartFilter filter = new SmartFilter();
        filter.joined("carol", 0);
        assertNull(filter.spoke("carol", 6 * MINUTE));
    }

    @Test
    void aLeaveShowsOnlyWhenTheUserSpokeWithinTheDelayBeforeIt() {
        SmartFilter filter = new SmartFilter();
        filter.spoke("dave", 0);
        assertFalse(filter.left("dave", "quit", 5 * MINUTE).quiet());
        assertTrue(filter.left("dave", "quit", 5 * MINUTE + 1).quiet());
        assertTrue(filter.left("erin", "quit", 0).quiet(), "never spoke");
    }

    @Test
    void aTalkerWhoDroppedAndCameBackHasAVisibleJoin() {
        SmartFilter filter = new SmartFilter();
        filter.spoke("frank", 0);
        assertFalse(filter.joined("frank", MINUTE).quiet());
    }
}
