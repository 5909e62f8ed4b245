package dev.chat.client.tui;

import java.util.Locale;

/**
 * A {@code /search TEXT} in one buffer's scrollback: the line of the current match (found by
 * identity, so that lines arriving meanwhile do not move it), older and newer matches, and where it
 * stands ({@code 2/5}). Case-insensitive, on what the line says (prefix and body). GUI thread only.
 */
final class BufferSearch {
    private final Scrollback lines;
    private final String needle;
    private ChatLine match;
    /** "no older match" after a step that found none, else "". */
    private String edge = "";
    /** {@code 2/5}, counted when the match moved (not on every repaint: a scrollback holds 10,000 lines). */
    private String position = "";

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

    /** Where the match stands among the matches, oldest first ({@code 2/5}), as counted when it last moved. */
    String position() {
        return position;
    }

    private String count() {
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
                position = count();
                return true;
            }
        }
        return false;
    }

    /** On the line's text in logical (typing) order, as the user types what they look for. */
    private boolean matches(ChatLine line) {
        return fold(ChatLogs.plain(line)).contains(needle);
    }

    private static String fold(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
