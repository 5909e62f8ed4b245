package dev.chat.client.tui;

import java.text.BreakIterator;

/**
 * The input line's text and cursor. Moves and deletes by grapheme, so a surrogate pair, an emoji
 * sequence or a letter with its points is one step. Killing (Ctrl-K, Ctrl-U, Ctrl-W) keeps the text
 * for Ctrl-Y, as readline does; words are runs of non-spaces. Pure; confined to the GUI thread.
 */
final class InputEditor {
    /** Bytes a send may carry is the daemon's business; this only keeps a runaway paste bounded. */
    static final int MAX_CHARS = 8192;

    private final StringBuilder text = new StringBuilder();
    private int cursor;
    /** What the last kill removed, for {@link #yank}. */
    private String killed = "";

    String text() {
        return text.toString();
    }

    int cursor() {
        return cursor;
    }

    void set(String line, int newCursor) {
        text.setLength(0);
        text.append(line, 0, Math.min(line.length(), MAX_CHARS));
        cursor = Math.max(0, Math.min(newCursor, text.length()));
    }

    void set(String line) {
        set(line, line.length());
    }

    void insert(char c) {
        if (text.length() < MAX_CHARS) {
            text.insert(cursor++, c);
        }
    }

    void left() {
        cursor = previous(cursor);
    }

    void right() {
        cursor = next(cursor);
    }

    void home() {
        cursor = 0;
    }

    void end() {
        cursor = text.length();
    }

    void backspace() {
        int from = previous(cursor);
        text.delete(from, cursor);
        cursor = from;
    }

    void delete() {
        text.delete(cursor, next(cursor));
    }

    /** Ctrl-W: the word before the cursor and the spaces after it. */
    void deleteWord() {
        int from = wordStart(cursor);
        kill(from, cursor);
        cursor = from;
    }

    /** Ctrl-K: from the cursor to the end. */
    void killToEnd() {
        kill(cursor, text.length());
    }

    /** Ctrl-U: the whole line. */
    void killLine() {
        kill(0, text.length());
        cursor = 0;
    }

    /** Ctrl-Y: what the last kill removed, at the cursor. */
    void yank() {
        String room = killed.substring(0, Math.min(killed.length(), MAX_CHARS - text.length()));
        text.insert(cursor, room);
        cursor += room.length();
    }

    /** Alt-B: to the start of this or the previous word. */
    void wordLeft() {
        cursor = wordStart(cursor);
    }

    /** Alt-F: to the end of this or the next word. */
    void wordRight() {
        int to = cursor;
        while (to < text.length() && text.charAt(to) == ' ') {
            to++;
        }
        while (to < text.length() && text.charAt(to) != ' ') {
            to++;
        }
        cursor = to;
    }

    private int wordStart(int from) {
        int at = from;
        while (at > 0 && text.charAt(at - 1) == ' ') {
            at--;
        }
        while (at > 0 && text.charAt(at - 1) != ' ') {
            at--;
        }
        return at;
    }

    private void kill(int from, int to) {
        if (to > from) {
            killed = text.substring(from, to);
            text.delete(from, to);
        }
    }

    /** Returns the text and empties the line. */
    String take() {
        String line = text.toString();
        set("");
        return line;
    }

    /** Cells from the start of the text to the cursor. */
    int cursorColumn() {
        return Cells.width(text.substring(0, cursor));
    }

    private int previous(int index) {
        if (index <= 0) {
            return 0;
        }
        BreakIterator graphemes = iterator();
        int before = graphemes.preceding(index);
        return before == BreakIterator.DONE ? 0 : before;
    }

    private int next(int index) {
        if (index >= text.length()) {
            return text.length();
        }
        BreakIterator graphemes = iterator();
        int after = graphemes.following(index);
        return after == BreakIterator.DONE ? text.length() : after;
    }

    private BreakIterator iterator() {
        BreakIterator graphemes = BreakIterator.getCharacterInstance();
        graphemes.setText(text.toString());
        return graphemes;
    }
}
