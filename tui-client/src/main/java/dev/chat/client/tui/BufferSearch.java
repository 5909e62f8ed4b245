package dev.chat.client.tui;

import java.util.Locale;

/**
 * A {@code /search TEXT} in one buffer's scrollback: the line of the current match (found by
 * identity, so that lines arriving meanwhile do not move it), older and newer matches, and where it
 * stands ({@code 2/5}). Case-insensitive, on what the line shows (nick and body). GUI thread only.
 */
final class BufferSearch {
    private final Scrollback lines;
    private final String needle;
    private ChatLine match;
    /** "no older match" after a step that found none, else "". */
    private String edge = "";

    private BufferSearch(Scrollback lines, String text) {
        this.lines = lines;
        this.needle = fold(text);
    }

    /** The search for {@code text} in {@code lines}, at its newest match; null when nothing matches. */
    static BufferSearch start(Scrollback lines, String text) {
        BufferSearch search = new BufferSearch(lines, text);
        return search.move(lines.size(), -1) ? search : null;
    }

    /** The matched line, to highlight. */
    ChatLine match() {
        return match;
    }

    /** Goes to the next older ({@code older}) or newer match; at the end it stays and {@link #edge} says so. */
    void step(boolean older) {
        boolean moved = move(index(), older ? -1 : 1);
        edge = moved ? "" : older ? "no older match" : "no newer match";
    }

    String edge() {
        return edge;
    }

    /** Where the match stands among all matches, oldest first: {@code 2/5}; {@code 0/0} once it scrolled away. */
    String position() {
        int at = 0;
        int total = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (matches(lines.get(i))) {
                total++;
                at = lines.get(i) == match ? total : at;
            }
        }
        return at + "/" + total;
    }

    /** The index of the match in the scrollback now, or -1 when it is no longer kept. */
    int index() {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i) == match) {
                return i;
            }
        }
        return -1;
    }

    private boolean move(int from, int step) {
        for (int i = from + step; i >= 0 && i < lines.size(); i += step) {
            if (matches(lines.get(i))) {
                match = lines.get(i);
                lines.show(i);
                return true;
            }
        }
        return false;
    }

    private boolean matches(ChatLine line) {
        String shown = Cells.visualTemplate(Cells.cleanTemplate(line.nick() + " " + line.body()));
        return fold(Cells.cleanTemplate(line.nick() + " " + line.body())).contains(needle) || fold(shown).contains(needle);
    }

    private static String fold(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
