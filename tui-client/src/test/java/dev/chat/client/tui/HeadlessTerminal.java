package dev.chat.client.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A virtual terminal for tests whose {@code readInput} blocks without holding the terminal's
 * monitor (the stock one holds it, so drawing would wait for the next key), plus typing and
 * screen-reading helpers.
 */
final class HeadlessTerminal extends DefaultVirtualTerminal {
    private final BlockingQueue<KeyStroke> keys = new LinkedBlockingQueue<>();
    /** Times the client rang the bell. */
    final java.util.concurrent.atomic.AtomicInteger bells = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void bell() {
        bells.incrementAndGet();
    }

    HeadlessTerminal(int columns, int rows) {
        super(new TerminalSize(columns, rows));
    }

    @Override
    public void addInput(KeyStroke key) {
        keys.add(key);
    }

    @Override
    public KeyStroke readInput() {
        try {
            return keys.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new KeyStroke(KeyType.EOF);
        }
    }

    @Override
    public KeyStroke pollInput() {
        return keys.poll();
    }

    void type(String text) {
        text.chars().forEach(c -> addInput(new KeyStroke((char) c, false, false)));
    }

    void press(KeyType type) {
        addInput(new KeyStroke(type));
    }

    void typeLine(String text) {
        type(text);
        press(KeyType.Enter);
    }

    /** One screen row as text; the padding cell after a wide glyph is skipped. */
    synchronized String row(int row) {
        StringBuilder out = new StringBuilder();
        int columns = getTerminalSize().getColumns();
        for (int col = 0; col < columns; col++) {
            TextCharacter c = getCharacter(col, row);
            out.append(c.getCharacterString());
            if (c.isDoubleWidth()) {
                col++;
            }
        }
        return out.toString();
    }

    synchronized String screen() {
        StringBuilder out = new StringBuilder();
        for (int row = 0; row < getTerminalSize().getRows(); row++) {
            out.append(row(row)).append('\n');
        }
        return out.toString();
    }

    /** Every cell's text, row by row (a wide glyph's padding cell as stored), for screen diffs. */
    synchronized String[][] cells() {
        TerminalSize size = getTerminalSize();
        String[][] cells = new String[size.getRows()][size.getColumns()];
        for (int row = 0; row < size.getRows(); row++) {
            for (int col = 0; col < size.getColumns(); col++) {
                cells[row][col] = getCharacter(col, row).getCharacterString();
            }
        }
        return cells;
    }
}
