package dev.chat.client.command;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Splitting a message over the daemon's limit: whole words where possible, whole clusters always. */
class LongTextTest {
    @Test
    void textWithinTheLimitIsOnePart() {
        assertEquals(List.of("short"), LongText.split("short"));
        assertFalse(LongText.tooLong("x".repeat(LongText.MAX_BYTES)));
        assertTrue(LongText.tooLong("x".repeat(LongText.MAX_BYTES + 1)));
        assertTrue(LongText.tooLong("ש".repeat(LongText.MAX_BYTES / 2 + 1)), "two bytes each");
    }

    @Test
    void partsEndAfterTheLastSpaceThatFitsAndJoinBackToTheText() {
        assertEquals(List.of("aaa bbb ", "ccc"), LongText.split("aaa bbb ccc", 8));
        String text = "word ".repeat(1_000) + "end";
        List<String> parts = LongText.split(text);
        assertEquals(text, String.join("", parts));
        assertTrue(parts.stream().allMatch(p -> LongText.bytes(p) <= LongText.MAX_BYTES));
        assertTrue(parts.getFirst().endsWith("word "), "no word is cut");
    }

    @Test
    void aWordLongerThanAPartIsCutBetweenClustersNeverInsideOne() {
        String family = "👨‍👩‍👧"; // 18 bytes, one cluster
        List<String> parts = LongText.split(family.repeat(3), 40);
        assertEquals(List.of(family.repeat(2), family), parts);
        assertEquals(List.of("e\u0301e\u0301", "e\u0301"), LongText.split("e\u0301".repeat(3), 6));
    }
}
