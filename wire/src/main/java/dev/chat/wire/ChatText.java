package dev.chat.wire;

/** The rules for chat text: 1..4096 UTF-8 bytes, not blank, no control characters but TAB. */
public final class ChatText {
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
}
