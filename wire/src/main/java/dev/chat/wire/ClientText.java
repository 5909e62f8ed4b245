package dev.chat.wire;

/**
 * How client-supplied text is shown back: in error replies and in the daemon's log. The one rule:
 * every control, format and separator character (Unicode categories Cc, Cf, Zl, Zp, Zs but the
 * plain space) and every unpaired surrogate is escaped as {@code \}{@code uXXXX} (or
 * {@code \}{@code UXXXXXXXX} above the BMP), and a backslash as {@code \\}, so a log line is one line
 * and no terminal escape sequence reaches an operator's or a user's screen. {@link #echo} also caps
 * the text at {@value #MAX_ECHO} code points, so an error reply stays small whatever was sent.
 */
public final class ClientText {
    /** Longest echo of client text, in code points, before the ellipsis. */
    public static final int MAX_ECHO = 64;

    private ClientText() {
    }

    /** {@code text} capped at {@value #MAX_ECHO} code points (then {@code …}) and escaped; null as {@code null}. */
    public static String echo(String text) {
        if (text == null) {
            return "null";
        }
        int end = text.length();
        if (text.codePointCount(0, end) > MAX_ECHO) {
            return escape(text.substring(0, text.offsetByCodePoints(0, MAX_ECHO))) + "…";
        }
        return escape(text);
    }

    /** {@code text} with every control, format and separator character escaped (not capped). */
    public static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (needsEscape(cp)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                appendEscaped(out, cp);
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i = next;
        }
        return out == null ? text : out.toString();
    }

    private static boolean needsEscape(int cp) {
        if (cp == '\\') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.UNASSIGNED -> true;
            case Character.SPACE_SEPARATOR -> cp != ' ';
            default -> false;
        };
    }

    private static void appendEscaped(StringBuilder out, int cp) {
        if (cp == '\\') {
            out.append("\\\\");
        } else if (cp <= 0xFFFF) {
            out.append(String.format("\\u%04X", cp));
        } else {
            out.append(String.format("\\U%08X", cp));
        }
    }
}
