package dev.chat.wire.irc;

import dev.chat.wire.Utf8;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a chat message that does not fit one IRC line into pieces that do. A piece never ends
 * inside a UTF-8 sequence (it is cut between code points) nor, when avoidable, inside a grapheme
 * cluster (an emoji with its modifiers, a letter with its marks); it ends after a space when one
 * lies in the piece's second half. Nothing is dropped: the pieces joined are the text. Only a
 * cluster longer than a whole piece is cut between its code points. Pure.
 */
public final class IrcSplitter {
    private IrcSplitter() {
    }

    /** The pieces of {@code text}, each at most {@code maxBytes} bytes of UTF-8 (at least 4, a code point's worst). */
    public static List<String> split(String text, int maxBytes) {
        if (maxBytes < 4) {
            throw new IllegalArgumentException("a piece must hold a code point: " + maxBytes);
        }
        List<String> pieces = new ArrayList<>();
        if (Utf8.encodedLength(text) <= maxBytes) {
            pieces.add(text);
            return pieces;
        }
        BreakIterator clusters = BreakIterator.getCharacterInstance(Locale.ROOT);
        clusters.setText(text);
        int start = 0;
        while (start < text.length()) {
            int end = pieceEnd(text, start, maxBytes, clusters);
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }

    private static int pieceEnd(String text, int start, int maxBytes, BreakIterator clusters) {
        int bytes = 0;
        int lastFit = start;
        int lastSpace = -1;
        int at = start;
        while (at < text.length()) {
            int next = clusters.following(at);
            int size = Utf8.encodedLength(text.subSequence(at, next));
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            if (text.charAt(next - 1) == ' ' && bytes * 2 >= maxBytes) {
                lastSpace = next;
            }
            lastFit = next;
            at = next;
        }
        if (lastFit >= text.length()) {
            return lastFit;
        }
        if (lastSpace > start) {
            return lastSpace;
        }
        return lastFit > start ? lastFit : codePointsEnd(text, start, maxBytes);
    }

    /** A cluster bigger than a piece: as many whole code points as fit. */
    private static int codePointsEnd(String text, int start, int maxBytes) {
        int bytes = 0;
        int at = start;
        while (at < text.length()) {
            int cp = text.codePointAt(at);
            int size = Utf8.encodedLength(new String(Character.toChars(cp)));
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            at += Character.charCount(cp);
        }
        return at;
    }
}
