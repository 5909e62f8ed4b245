package dev.chat.wire;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PROTOCOL.md section 10 lists the code points that make a text blank; this test reads that list
 * from the spec and compares it with what {@link ChatText#check} refuses as EMPTY_MESSAGE, over
 * every code point, so neither can change alone.
 */
final class BlankTextTest {
    private static final Pattern RANGE = Pattern.compile("U\\+([0-9A-F]{4,6})(?:–U\\+([0-9A-F]{4,6}))?");

    @Test
    void exactlyTheWhitespaceTheSpecListsIsBlank() throws IOException {
        TreeSet<Integer> blank = new TreeSet<>();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            if (Character.isSurrogate((char) c) && c <= 0xFFFF) {
                continue; // a lone surrogate is no text at all
            }
            try {
                ChatText.check(Character.toString(c), 1);
            } catch (ProtocolException e) {
                if (e.code() == ErrorCode.EMPTY_MESSAGE) {
                    blank.add(c);
                }
            }
        }
        assertEquals(specWhitespace(), blank);
        assertEquals(25, blank.size(), "the spec says 25");
    }

    @Test
    void blanknessIsCheckedBeforeControlCharacters() {
        assertEquals(ErrorCode.EMPTY_MESSAGE, assertThrows(ProtocolException.class, () -> ChatText.check("\n\n", 1)).code());
        assertEquals(ErrorCode.MESSAGE_INVALID, assertThrows(ProtocolException.class, () -> ChatText.check("a\n", 1)).code());
        assertEquals("\u00A0\u00A0", ChatText.check("\u00A0\u00A0", 1), "no-break spaces are text");
    }

    private static TreeSet<Integer> specWhitespace() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("PROTOCOL.md"), StandardCharsets.UTF_8);
        int at = 0;
        while (!lines.get(at).contains("(Java's `Character.isWhitespace`):")) {
            at++;
        }
        String list = lines.get(at + 1);
        TreeSet<Integer> points = new TreeSet<>();
        Matcher m = RANGE.matcher(list);
        while (m.find()) {
            int from = Integer.parseInt(m.group(1), 16);
            int to = m.group(2) == null ? from : Integer.parseInt(m.group(2), 16);
            for (int c = from; c <= to; c++) {
                points.add(c);
            }
        }
        assertTrue(list.strip().endsWith("U+3000."), "the list line of section 10: " + list);
        return points;
    }
}
