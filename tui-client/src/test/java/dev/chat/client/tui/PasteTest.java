package dev.chat.client.tui;

import com.googlecode.lanterna.input.DefaultKeyDecodingProfile;
import com.googlecode.lanterna.input.InputDecoder;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasteTest {
    /** The tty turns a pasted CR into LF (ICRNL stays on in Lanterna's raw mode), hence the \n. */
    @Test
    void theDecoderTurnsTheBracketedPasteSequencesIntoMarksAroundThePastedKeys() throws Exception {
        InputDecoder decoder = new InputDecoder(new StringReader("x\u001b[200~a/b\nc\u001b[201~y"));
        decoder.addProfile(new DefaultKeyDecodingProfile());
        Paste.decodeMarks(decoder);
        List<KeyStroke> keys = new ArrayList<>();
        for (KeyStroke key = decoder.getNextCharacter(true); key != null && key.getKeyType() != KeyType.EOF;
             key = decoder.getNextCharacter(true)) {
            keys.add(key);
        }
        assertEquals(9, keys.size(), keys.toString());
        assertEquals('x', keys.get(0).getCharacter());
        assertTrue(assertInstanceOf(Paste.Mark.class, keys.get(1)).start);
        assertEquals('/', keys.get(3).getCharacter());
        assertEquals(KeyType.Enter, keys.get(5).getKeyType());
        assertTrue(!assertInstanceOf(Paste.Mark.class, keys.get(7)).start);
        assertEquals('y', keys.get(8).getCharacter());
    }

    @Test
    void aDraftKeepsItsNonBlankLinesAndRefusesAHugePaste() {
        assertEquals(List.of("one", "/two", "three"), PasteDraft.of("one\r\n/two\n\nthree\n").lines());
        assertNull(PasteDraft.of("x\n".repeat(PasteDraft.MAX_LINES + 1)));
    }
}
