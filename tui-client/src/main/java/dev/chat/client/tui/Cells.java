package dev.chat.client.tui;

import dev.chat.wire.ChatText;

import java.text.Bidi;
import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Text as terminal cells: cleaning, display width, fitting, word wrap and bidi reordering. Pure.
 *
 * <p>The unit is the grapheme cluster ({@link BreakIterator#getCharacterInstance()}, extended
 * clusters since JDK 20): a flag, a skin-toned or ZWJ emoji, a letter with its marks is one glyph.
 * {@link #clusterWidth} is the one width table: layout measures with it, {@link Glyph} tells the
 * screen buffer the same width, and {@link ClusterTerminal} moves the cursor by it, so the model and
 * the bytes written never disagree. Terminals may still draw a cluster wider or narrower (tmux 3.3a
 * draws {@code 👍🏽} 4 cells wide: it does not join emoji modifiers); {@link ClusterTerminal}
 * repositions the cursor after such clusters so that the difference never moves anything else.
 */
final class Cells {
    /**
     * East Asian Width W and F ranges (Unicode 15 EastAsianWidth.txt) that are not emoji, inclusive
     * pairs; emoji presentation is {@link Character#isEmojiPresentation}.
     */
    private static final int[] WIDE = {
        0x1100, 0x115F, 0x2329, 0x232A, 0x2E80, 0x303E, 0x3041, 0x33FF, 0x3400, 0x4DBF, 0x4E00, 0x9FFF,
        0xA000, 0xA4CF, 0xA960, 0xA97F, 0xAC00, 0xD7A3, 0xF900, 0xFAFF, 0xFE10, 0xFE19, 0xFE30, 0xFE6F,
        0xFF00, 0xFF60, 0xFFE0, 0xFFE6, 0x16FE0, 0x16FE4, 0x17000, 0x18CFF, 0x1B000, 0x1B2FF,
        0x1F200, 0x1F202, 0x1F210, 0x1F23B, 0x1F240, 0x1F248, 0x1F250, 0x1F251, 0x20000, 0x2FFFD,
        0x30000, 0x3FFFD,
    };
    private static final char EMOJI_PRESENTATION = '\uFE0F';
    /**
     * FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (UAX #9): our marks around a user-supplied run
     * inside one of our left-to-right templates. {@link #clean} removes any a peer sent (they are
     * default-ignorable), so every mark in a template is ours; {@link #visual} drops them after
     * reordering, so they never reach the terminal (tmux 3.3a stores them as zero-width parts of the
     * cell before and reorders nothing, so we cannot leave the isolation to the terminal).
     */
    static final char ISOLATE = '\u2068';
    static final char END_ISOLATE = '\u2069';
    private static final char TEXT_PRESENTATION = '\uFE0E';

    private Cells() {
    }

    /**
     * What peers send is shown, never obeyed: {@link ChatText#forDisplay}, the rule nc and line mode
     * apply too, then NFC (so a letter and its accent are one code point where Unicode has one) and
     * TAB as a space, since a tab's width depends on the column.
     */
    static String clean(String text) {
        return Normalizer.normalize(ChatText.forDisplay(text), Normalizer.Form.NFC).replace('\t', ' ');
    }

    /** The grapheme clusters of {@code text}; a cluster that starts with a mark gets a space to sit on. */
    static List<String> clusters(String text) {
        List<String> out = new ArrayList<>(text.length());
        BreakIterator graphemes = BreakIterator.getCharacterInstance();
        graphemes.setText(text);
        int start = graphemes.first();
        for (int end = graphemes.next(); end != BreakIterator.DONE; start = end, end = graphemes.next()) {
            String cluster = text.substring(start, end);
            out.add(isMark(cluster.codePointAt(0)) ? " " + cluster : cluster);
        }
        return out;
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    /**
     * Cells one grapheme cluster takes: 2 for East Asian wide and fullwidth characters, emoji
     * presentation (an emoji code point, one with U+FE0F, a flag, a modifier or ZWJ sequence),
     * 0 for our isolate marks (never drawn: {@link #visual} drops them), else 1. Zero-width
     * characters a peer sent were removed by {@link #clean}.
     */
    static int clusterWidth(String cluster) {
        int first = cluster.codePointAt(0);
        if (first == ISOLATE || first == END_ISOLATE) {
            return 0;
        }
        if (first < 0x1100) {
            return 1;
        }
        if (cluster.indexOf(TEXT_PRESENTATION) > 0) {
            return inTable(first) ? 2 : 1;
        }
        if (Character.isEmojiPresentation(first) || inTable(first) || isRegionalIndicator(first)) {
            return 2;
        }
        boolean emoji = Character.isEmoji(first) || Character.isExtendedPictographic(first);
        return emoji && (cluster.indexOf(EMOJI_PRESENTATION) > 0 || cluster.length() > Character.charCount(first))
                ? 2 : 1;
    }

    /**
     * True for clusters terminals are known to draw at other widths than {@link #clusterWidth}: several
     * code points (emoji sequences, marks), or emoji that older width tables call narrow.
     */
    static boolean uncertain(String cluster) {
        int first = cluster.codePointAt(0);
        return cluster.length() > Character.charCount(first) || first >= 0x1100 && clusterWidth(cluster) == 2 && !inTable(first);
    }

    private static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }

    private static boolean inTable(int cp) {
        for (int i = 0; i < WIDE.length; i += 2) {
            if (cp < WIDE[i]) {
                return false;
            }
            if (cp <= WIDE[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** Cells {@code text} takes, cluster by cluster. */
    static int width(String text) {
        int width = 0;
        for (String cluster : clusters(text)) {
            width += clusterWidth(cluster);
        }
        return width;
    }

    /** The longest start of {@code text} that fits in {@code columns} cells (a wide glyph never half-shown). */
    static String truncate(String text, int columns) {
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (String cluster : clusters(text)) {
            int w = clusterWidth(cluster);
            if (used + w > columns) {
                break;
            }
            out.append(cluster);
            used += w;
        }
        return out.toString();
    }

    /** {@code text} when it fits in {@code columns} cells, else cut to leave room for a final {@code …}. */
    static String ellipsize(String text, int columns) {
        if (width(text) <= columns) {
            return text;
        }
        return columns < 1 ? "" : truncate(text, columns - 1) + "…";
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
        for (String g : clusters(text)) {
            int w = clusterWidth(g);
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
            return withoutMarks(row);
        }
        Bidi bidi = new Bidi(row, rtl ? Bidi.DIRECTION_RIGHT_TO_LEFT : Bidi.DIRECTION_LEFT_TO_RIGHT);
        if (bidi.isLeftToRight()) {
            return withoutMarks(row);
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
        return withoutMarks(out.toString());
    }

    private static String withoutMarks(String text) {
        if (text.indexOf(ISOLATE) < 0 && text.indexOf(END_ISOLATE) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ISOLATE && c != END_ISOLATE) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A user-supplied run (a nick, a file name) for one of our left-to-right templates: cleaned and
     * isolated, so that {@link #visual} reorders it in its own direction, as one unit that never
     * moves the template's other fields ({@code --> הרש joined}, never {@code joined הרש <--}).
     */
    static String isolate(String run) {
        return ISOLATE + clean(run) + END_ISOLATE;
    }

    /**
     * A template of ours that may hold {@link #isolate}d runs, cleaned piece by piece so that our
     * marks survive (everything between them is what {@link #clean} makes of it).
     */
    static String cleanTemplate(String text) {
        if (text.indexOf(ISOLATE) < 0 && text.indexOf(END_ISOLATE) < 0) {
            return clean(text);
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ISOLATE || c == END_ISOLATE) {
                out.append(clean(text.substring(from, i))).append(c);
                from = i + 1;
            }
        }
        return out.append(clean(text.substring(from))).toString();
    }

    /** One row of a template of ours in visual order: left to right, each isolated run in its own direction. */
    static String visualTemplate(String row) {
        return visual(row, false);
    }

    /** A run shown alone (a name in a list or a column), cleaned, in visual order in its own direction. */
    static String visualRun(String run) {
        String cleaned = clean(run);
        return visual(cleaned, isRightToLeft(cleaned));
    }

    /**
     * A run in a fixed-width column of a left-to-right row: cut in logical order (the end of a
     * Hebrew name goes, not its start), then reordered, then padded to exactly {@code columns} cells.
     */
    static String fitRun(String run, int columns) {
        String cut = truncate(clean(run), columns);
        return fit(visual(cut, isRightToLeft(cut)), columns);
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
