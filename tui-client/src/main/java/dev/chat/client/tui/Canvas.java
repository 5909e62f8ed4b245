package dev.chat.client.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.TextGUIGraphics;

/**
 * Draws cleaned text glyph by glyph ({@link Glyph}: one grapheme cluster each), clipped to a width, so a wide glyph that would straddle a pane's
 * edge is left out instead of spilling into the next pane. Used on the GUI thread while drawing.
 */
final class Canvas {
    /** Colours and attributes of a run of text. */
    record Style(TextColor fg, TextColor bg, SGR... sgr) {
        static final Style PLAIN = new Style(TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT);
        static final Style DIM = new Style(TextColor.ANSI.BLACK_BRIGHT, TextColor.ANSI.DEFAULT);
        static final Style BOLD = new Style(TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT, SGR.BOLD);
        static final Style ERROR = new Style(TextColor.ANSI.RED_BRIGHT, TextColor.ANSI.DEFAULT, SGR.BOLD);
        static final Style JOIN = new Style(TextColor.ANSI.GREEN, TextColor.ANSI.DEFAULT);
        static final Style LEAVE = new Style(TextColor.ANSI.RED, TextColor.ANSI.DEFAULT);
        static final Style INFO = new Style(TextColor.ANSI.CYAN, TextColor.ANSI.DEFAULT);
        /** A message that names you, as irssi's hilight. */
        static final Style MENTION = new Style(TextColor.ANSI.YELLOW_BRIGHT, TextColor.ANSI.DEFAULT, SGR.BOLD);
        static final Style BAR = new Style(TextColor.ANSI.WHITE_BRIGHT, TextColor.ANSI.BLUE);
        static final Style TITLE = new Style(TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT, SGR.BOLD, SGR.UNDERLINE);
        static final Style SELECTED = new Style(TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT, SGR.REVERSE);

        static Style nick(String name) {
            return new Style(NickColors.of(name), TextColor.ANSI.DEFAULT, SGR.BOLD);
        }

        Style reversed() {
            return with(SGR.REVERSE);
        }

        Style underlined() {
            return with(SGR.UNDERLINE);
        }

        private Style with(SGR extra) {
            SGR[] more = java.util.Arrays.copyOf(sgr, sgr.length + 1);
            more[sgr.length] = extra;
            return new Style(fg, bg, more);
        }
    }

    private final TextGUIGraphics g;

    Canvas(TextGUIGraphics g) {
        this.g = g;
    }

    int columns() {
        return g.getSize().getColumns();
    }

    int rows() {
        return g.getSize().getRows();
    }

    /** Draws {@code text} at most {@code max} cells wide from {@code col}; returns the cells used. */
    int text(int col, int row, String text, int max, Style style) {
        int used = 0;
        for (String cluster : Cells.clusters(text)) {
            if (Cells.clusterWidth(cluster) == 0) {
                continue; // an isolate mark that a template did not reorder away: never drawn
            }
            TextCharacter glyph = Glyph.of(cluster, style.fg(), style.bg(), style.sgr());
            int w = glyph.isDoubleWidth() ? 2 : 1;
            if (used + w > max) {
                break;
            }
            g.setCharacter(col + used, row, glyph);
            used += w;
        }
        return used;
    }

    /** Fills {@code width} cells with spaces in {@code style}. */
    void blank(int col, int row, int width, Style style) {
        if (width > 0) {
            text(col, row, " ".repeat(width), width, style);
        }
    }

    /** {@code text} padded with the style's background to exactly {@code width} cells. */
    void line(int col, int row, String text, int width, Style style) {
        int used = text(col, row, text, width, style);
        blank(col + used, row, width - used, style);
    }

    void vertical(int col, int top, int height, char c, Style style) {
        for (int row = top; row < top + height; row++) {
            text(col, row, String.valueOf(c), 1, style);
        }
    }

    /** A box with a title in its top border; the inside is blanked. */
    void box(int col, int row, int width, int height, String title, Style style) {
        String inner = "─".repeat(width - 2);
        text(col, row, "┌" + inner + "┐", width, style);
        for (int r = row + 1; r < row + height - 1; r++) {
            text(col, r, "│", 1, style);
            blank(col + 1, r, width - 2, Style.PLAIN);
            text(col + width - 1, r, "│", 1, style);
        }
        text(col, row + height - 1, "└" + inner + "┘", width, style);
        text(col + 2, row, " " + title + " ", width - 4, style);
    }
}
