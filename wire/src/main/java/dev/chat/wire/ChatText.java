package dev.chat.wire;

import java.text.BreakIterator;

/**
 * The rules for chat text: 1..4096 UTF-8 bytes, not blank, no control characters but TAB
 * ({@link #check}); and the one rule every renderer applies before it shows text a peer chose
 * ({@link #forDisplay}), so that nc, line mode and the full-screen client show the same thing.
 */
public final class ChatText {
    /** Code points one grapheme cluster keeps for display; a family emoji with skin tones has 11. */
    public static final int MAX_CLUSTER_CODE_POINTS = 16;

    private static final char REPLACEMENT = '\uFFFD';
    private static final int BLACK_FLAG = 0x1F3F4;

    /**
     * Unicode 15 Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt), inclusive pairs:
     * code points that draw nothing, so they can hide text or make two texts look equal.
     */
    private static final int[] DEFAULT_IGNORABLE = {
        0x00AD, 0x00AD, 0x034F, 0x034F, 0x061C, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180F,
        0x200B, 0x200F, 0x202A, 0x202E, 0x2060, 0x206F, 0x3164, 0x3164, 0xFE00, 0xFE0F, 0xFEFF, 0xFEFF,
        0xFFA0, 0xFFA0, 0xFFF0, 0xFFF8, 0x1BCA0, 0x1BCA3, 0x1D173, 0x1D17A, 0xE0000, 0xE0FFF,
    };

    private ChatText() {
    }

    /**
     * Returns {@code text} if it is valid chat text, else throws a {@link ProtocolException}
     * ({@code EMPTY_MESSAGE}, {@code MESSAGE_TOO_LONG} or {@code MESSAGE_INVALID}) answering {@code re}.
     */
    public static String check(String text, long re) {
        if (text == null || text.isBlank()) {
            throw new ProtocolException(ErrorCode.EMPTY_MESSAGE, "a message needs some text", re);
        }
        int bytes = Utf8.encodedLength(text);
        if (bytes > Limits.MAX_TEXT_BYTES) {
            throw new ProtocolException(ErrorCode.MESSAGE_TOO_LONG,
                    "a message has at most " + Limits.MAX_TEXT_BYTES + " bytes of UTF-8, this one has " + bytes, re);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // Control characters would let a sender move other users' cursors or clear their screens.
            if (c != '\t' && (Character.isISOControl(c) || (Character.isSurrogate(c) && !pairedAt(text, i)))) {
                throw new ProtocolException(ErrorCode.MESSAGE_INVALID,
                        String.format("a message may not contain U+%04X", (int) c), re);
            }
            if (Character.isHighSurrogate(c) && pairedAt(text, i)) {
                i++;
            }
        }
        return text;
    }

    private static boolean pairedAt(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }

    /**
     * {@code text} as it may be shown: what a peer sends is shown, never obeyed. Control characters
     * but TAB (C0, DEL, C1), bidi embeddings, overrides and isolates (U+202A..U+202E,
     * U+2066..U+2069), the line and paragraph separators U+2028/U+2029 and unpaired surrogates
     * become U+FFFD, so the reader sees that something was there. Other default-ignorable code
     * points are removed, except joiners and variation selectors inside a visible grapheme cluster
     * (U+200C, U+200D, U+034F, U+180B..U+180D, U+180F, U+FE00..U+FE0F, U+E0100..U+E01EF) and tag
     * characters inside a black-flag emoji (subdivision flags). A grapheme cluster keeps at most
     * {@link #MAX_CLUSTER_CODE_POINTS} code points, which bounds stacked combining marks.
     * Linear in the length of {@code text}; returns {@code text} itself when nothing changes.
     */
    public static String forDisplay(String text) {
        if (isPlain(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        BreakIterator clusters = BreakIterator.getCharacterInstance();
        clusters.setText(text);
        int start = clusters.first();
        for (int end = clusters.next(); end != BreakIterator.DONE; start = end, end = clusters.next()) {
            appendCluster(out, text, start, end);
        }
        String shown = out.toString();
        return shown.equals(text) ? text : shown;
    }

    private static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x7F || c < 0x20 && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** One grapheme cluster, {@code text[start, end)}, cleaned onto {@code out}. */
    private static void appendCluster(StringBuilder out, String text, int start, int end) {
        boolean visibleBase = false;
        boolean flag = text.codePointAt(start) == BLACK_FLAG;
        int kept = 0;
        for (int i = start; i < end; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isNeutralised(cp)) {
                out.append(REPLACEMENT);
                visibleBase = false;
            } else if (isDefaultIgnorable(cp)) {
                if (visibleBase && kept < MAX_CLUSTER_CODE_POINTS && (isJoinerOrSelector(cp) || flag && isTag(cp))) {
                    out.appendCodePoint(cp);
                    kept++;
                }
            } else if (kept < MAX_CLUSTER_CODE_POINTS) {
                out.appendCodePoint(cp);
                visibleBase = true;
                kept++;
            }
        }
    }

    /** Characters that would drive a terminal or reorder what follows: shown as U+FFFD. */
    private static boolean isNeutralised(int cp) {
        return cp != '\t' && Character.isISOControl(cp)
                || cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE // an unpaired half
                || cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069
                || cp == 0x2028 || cp == 0x2029;
    }

    private static boolean isJoinerOrSelector(int cp) {
        return cp == 0x200C || cp == 0x200D || cp == 0x034F || cp >= 0x180B && cp <= 0x180D || cp == 0x180F
                || cp >= 0xFE00 && cp <= 0xFE0F || cp >= 0xE0100 && cp <= 0xE01EF;
    }

    private static boolean isTag(int cp) {
        return cp >= 0xE0020 && cp <= 0xE007F;
    }

    static boolean isDefaultIgnorable(int cp) {
        for (int i = 0; i < DEFAULT_IGNORABLE.length; i += 2) {
            if (cp < DEFAULT_IGNORABLE[i]) {
                return false;
            }
            if (cp <= DEFAULT_IGNORABLE[i + 1]) {
                return true;
            }
        }
        return false;
    }
}
