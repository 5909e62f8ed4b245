package dev.chat.wire;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Client text shown back in errors and logs: escaped to one safe line, capped at 64 code points. */
final class ClientTextTest {
    @Test
    void plainTextIncludingLettersMarksAndSpacesIsReturnedAsItIs() {
        String text = "héllo wörld ש 😀 e\u0301";
        assertSame(text, ClientText.escape(text));
        assertEquals(text, ClientText.echo(text));
    }

    @Test
    void escSequencesLineAndParagraphSeparatorsAndNelAreEscaped() {
        assertEquals("\\u001B[2J\\u001B]0;owned\\u0007", ClientText.escape("\u001B[2J\u001B]0;owned\u0007"));
        assertEquals("a\\u2028b\\u2029c\\u0085d\\u000Ae\\u000Df", ClientText.escape("a\u2028b\u2029c\u0085d\ne\rf"));
        assertEquals("tab\\u0009del\\u007F", ClientText.escape("tab\tdel\u007F"));
    }

    @Test
    void formatCharactersOddSpacesAndLoneSurrogatesAreEscaped() {
        assertEquals("\\u202Eevil\\u200B\\uFEFF", ClientText.escape("\u202Eevil\u200B\uFEFF"));
        assertEquals("a\\u00A0b\\u3000c", ClientText.escape("a\u00A0b\u3000c"));
        assertEquals("\\uD800x\\uDC00", ClientText.escape("\uD800x\uDC00"));
        assertEquals("\\U000E0041", ClientText.escape(new String(Character.toChars(0xE0041)))); // a tag character
    }

    @Test
    void aBackslashIsDoubledSoAnEscapeCannotBeForged() {
        assertEquals("\\\\u001B", ClientText.escape("\\u001B"));
    }

    @Test
    void anEchoIsCappedAtSixtyFourCodePointsThenAnEllipsis() {
        assertEquals("x".repeat(64), ClientText.echo("x".repeat(64)));
        assertEquals("x".repeat(64) + "…", ClientText.echo("x".repeat(65)));
        assertEquals("x".repeat(64) + "…", ClientText.echo("x".repeat(30_000)));
        String emoji = "😀".repeat(65);
        assertEquals("😀".repeat(64) + "…", ClientText.echo(emoji)); // never splits a surrogate pair
        assertEquals("null", ClientText.echo(null));
    }

    @Test
    void anEchoOfControlsStaysBoundedAfterEscaping() {
        String echo = ClientText.echo("\u001B".repeat(30_000));
        assertEquals("\\u001B".repeat(64) + "…", echo);
        assertTrue(echo.length() < 1024);
    }
}
