package dev.chat.wire.irc;

import dev.chat.wire.Utf8;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class IrcSplitterTest {
    @Test
    void aTextThatFitsIsOnePiece() {
        assertEquals(List.of("hello"), IrcSplitter.split("hello", 5));
    }

    @Test
    void aLongTextIsCutAfterASpaceInThePiecesSecondHalf() {
        assertEquals(List.of("aaaa bbbb ", "cccc"), IrcSplitter.split("aaaa bbbb cccc", 10));
    }

    @Test
    void aTextWithoutSpacesIsCutAtTheLimit() {
        assertEquals(List.of("abcd", "efgh", "ij"), IrcSplitter.split("abcdefghij", 4));
    }

    @Test
    void hebrewIsNeverCutInsideAUtf8Sequence() {
        String text = "שלום".repeat(3); // 12 letters of 2 bytes
        assertEquals(List.of("שלו", "םשל", "וםש", "לום"), IrcSplitter.split(text, 7));
    }

    @Test
    void anEmojiClusterStaysWhole() {
        String family = "👨‍👩‍👧"; // 18 bytes, one grapheme cluster
        assertEquals(List.of("ab" + family, "cd"), IrcSplitter.split("ab" + family + "cd", 20));
        assertEquals(List.of("ab", family, "cd"), IrcSplitter.split("ab" + family + "cd", 18));
    }

    @Test
    void aClusterBiggerThanAPieceIsCutBetweenCodePoints() {
        String zalgo = "e" + "\u0301".repeat(10); // 1 + 20 bytes, one cluster
        List<String> pieces = IrcSplitter.split(zalgo, 8);
        assertEquals(zalgo, String.join("", pieces));
        pieces.forEach(p -> assertTrue(Utf8.encodedLength(p) <= 8));
        pieces.forEach(p -> assertTrue(!Character.isLowSurrogate(p.charAt(0))));
    }

    @Test
    void aPieceMustHoldACodePoint() {
        assertThrows(IllegalArgumentException.class, () -> IrcSplitter.split("abc", 3));
    }
}
