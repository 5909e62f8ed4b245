package dev.chat.client.tui;

import com.googlecode.lanterna.TextCharacter;

import java.text.Bidi;
import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Text as terminal cells: cleaning, display width, fitting, word wrap and bidi reordering. Pure.
 *
 * <p>Widths follow Lanterna's own {@link TextCharacter#isDoubleWidth()} (CJK, emoji: 2 cells), so a
 * row measured here occupies exactly the cells the screen buffer gives it and panes stay aligned.
 */
final class Cells {
    private Cells() {
    }

    /** What peers send is shown, never obeyed: NFC, tabs as a space, other control characters as '?'. */
    static String clean(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(nfc.length());
        nfc.codePoints().forEach(cp -> {
            if (cp == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT && !isJoiner(cp)) {
                out.append('?');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static boolean isJoiner(int cp) {
        return cp == 0x200D; // zero-width joiner, part of emoji sequences
    }

    /** The glyphs of {@code text}, each one or two cells wide, as the screen will store them. */
    static TextCharacter[] glyphs(String text) {
        return TextCharacter.fromString(text);
    }

    static int width(TextCharacter glyph) {
        return glyph.isDoubleWidth() ? 2 : 1;
    }

    static int width(String text) {
        int width = 0;
        for (TextCharacter glyph : glyphs(text)) {
            width += width(glyph);
        }
        return width;
    }

    /** The longest start of {@code text} that fits in {@code columns} cells (a wide glyph never half-shown). */
    static String truncate(String text, int columns) {
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (TextCharacter glyph : glyphs(text)) {
            int w = width(glyph);
            if (used + w > columns) {
                break;
            }
            out.append(glyph.getCharacterString());
            used += w;
        }
        return out.toString();
    }

    /** {@code text} cut or padded with spaces to exactly {@code columns} cells. */
    static String fit(String text, int columns) {
        String cut = truncate(text, columns);
        return cut + " ".repeat(Math.max(0, columns - width(cut)));
    }

    /** Like {@link #fit} but padded on the left. */
    static String fitRight(String text, int columns) {
        String cut = truncate(text, columns);
        return " ".repeat(Math.max(0, columns - width(cut))) + cut;
    }

    /**
     * Word-wraps {@code text} into rows of at most {@code columns} cells: breaks after spaces where it
     * can, inside a word only when the word alone is too long. Always at least one row.
     */
    static List<String> wrap(String text, int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be positive: " + columns);
        }
        List<String> rows = new ArrayList<>();
        StringBuilder row = new StringBuilder();
        int rowWidth = 0;
        int lastSpace = -1; // index in row just after the last space
        int widthAtSpace = 0;
        for (TextCharacter glyph : glyphs(text)) {
            String g = glyph.getCharacterString();
            int w = width(glyph);
            if (rowWidth + w > columns) {
                if (lastSpace > 0 && !g.equals(" ")) {
                    String rest = row.substring(lastSpace);
                    rows.add(row.substring(0, lastSpace).stripTrailing());
                    row.setLength(0);
                    row.append(rest);
                    rowWidth -= widthAtSpace;
                } else {
                    rows.add(row.toString().stripTrailing());
                    row.setLength(0);
                    rowWidth = 0;
                }
                lastSpace = -1;
                if (g.equals(" ")) {
                    continue; // a space at a break vanishes
                }
            }
            row.append(g);
            rowWidth += w;
            if (g.equals(" ")) {
                lastSpace = row.length();
                widthAtSpace = rowWidth;
            }
        }
        rows.add(row.toString());
        return rows;
    }

    /** True when {@code paragraph}'s first strong character is right-to-left (UAX #9, rules P2-P3). */
    static boolean isRightToLeft(String paragraph) {
        if (!Bidi.requiresBidi(paragraph.toCharArray(), 0, paragraph.length())) {
            return false;
        }
        return !new Bidi(paragraph, Bidi.DIRECTION_DEFAULT_LEFT_TO_RIGHT).baseIsLeftToRight();
    }

    /**
     * One row of a paragraph in visual (left-to-right screen) order, reordered with
     * {@link java.text.Bidi}: right-to-left runs are reversed by grapheme, so Hebrew points stay on
     * their letters, and paired brackets are mirrored. {@code rtl} is the paragraph's direction
     * (rows of one paragraph share it, as UAX #9 reorders lines after breaking them).
     */
    static String visual(String row, boolean rtl) {
        if (!rtl && !Bidi.requiresBidi(row.toCharArray(), 0, row.length())) {
            return row;
        }
        Bidi bidi = new Bidi(row, rtl ? Bidi.DIRECTION_RIGHT_TO_LEFT : Bidi.DIRECTION_LEFT_TO_RIGHT);
        if (bidi.isLeftToRight()) {
            return row;
        }
        int runs = bidi.getRunCount();
        byte[] levels = new byte[runs];
        Integer[] order = new Integer[runs];
        for (int i = 0; i < runs; i++) {
            levels[i] = (byte) bidi.getRunLevel(i);
            order[i] = i;
        }
        Bidi.reorderVisually(levels, 0, order, 0, runs);
        StringBuilder out = new StringBuilder(row.length());
        for (int run : order) {
            String text = row.substring(bidi.getRunStart(run), bidi.getRunLimit(run));
            out.append((bidi.getRunLevel(run) & 1) == 1 ? reversed(text) : text);
        }
        return out.toString();
    }

    private static String reversed(String text) {
        BreakIterator graphemes = BreakIterator.getCharacterInstance();
        graphemes.setText(text);
        StringBuilder out = new StringBuilder(text.length());
        int end = graphemes.last();
        for (int start = graphemes.previous(); start != BreakIterator.DONE; end = start, start = graphemes.previous()) {
            out.append(mirror(text.substring(start, end)));
        }
        return out.toString();
    }

    private static String mirror(String grapheme) {
        return switch (grapheme) {
            case "(" -> ")";
            case ")" -> "(";
            case "[" -> "]";
            case "]" -> "[";
            case "{" -> "}";
            case "}" -> "{";
            case "<" -> ">";
            case ">" -> "<";
            default -> grapheme;
        };
    }
}
