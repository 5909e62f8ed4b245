package dev.chat.client.command;

import dev.chat.wire.Limits;

import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Text longer than the daemon takes in one message ({@link Limits#MAX_TEXT_BYTES} bytes of UTF-8):
 * how long it is, and the parts it splits into. Pure. A part ends after the last space that fits
 * (the space stays with the part before it, so joining the parts gives the text back), or at the
 * last whole grapheme cluster when one word alone is too long: a split never cuts a character, an
 * emoji sequence or a combining mark off its base.
 */
public final class LongText {
    public static final int MAX_BYTES = Limits.MAX_TEXT_BYTES;

    private LongText() {
    }

    public static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    public static boolean tooLong(String text) {
        // a cheap bound first: a char is at most 3 bytes of UTF-8 (a surrogate pair 4 for 2 chars)
        return text.length() * 3 > MAX_BYTES && bytes(text) > MAX_BYTES;
    }

    /** {@code text} in parts of at most {@code maxBytes} bytes each; one part when it fits. */
    public static List<String> split(String text, int maxBytes) {
        if (maxBytes < 4) {
            throw new IllegalArgumentException("maxBytes must leave room for any character: " + maxBytes);
        }
        List<String> parts = new ArrayList<>();
        BreakIterator clusters = BreakIterator.getCharacterInstance();
        clusters.setText(text);
        int start = 0;
        while (start < text.length()) {
            int end = start;
            int lastSpace = -1;
            int used = 0;
            for (int next = clusters.following(start); next != BreakIterator.DONE; next = clusters.next()) {
                int size = bytes(text.substring(end, next));
                if (used + size > maxBytes) {
                    break;
                }
                used += size;
                end = next;
                if (Character.isWhitespace(text.charAt(end - 1))) {
                    lastSpace = end;
                }
            }
            if (end == start) { // a single cluster over the limit: cut it by code point rather than loop
                end = text.offsetByCodePoints(start, 1);
            } else if (end < text.length() && lastSpace > start) {
                end = lastSpace;
            }
            parts.add(text.substring(start, end));
            start = end;
        }
        return parts.isEmpty() ? List.of(text) : parts;
    }

    /** {@link #split(String, int)} at the daemon's limit. */
    public static List<String> split(String text) {
        return split(text, MAX_BYTES);
    }
}
