package dev.chat.client.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.TerminalResizeListener;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.concurrent.TimeUnit;

/**
 * The terminal as the screen writes to it: whole grapheme clusters, and the cursor put back where
 * the width model says after every cluster a terminal may draw at another width.
 *
 * <p>Why: Lanterna 3.1.3's stream terminal encodes a string one {@code char} at a time, so each half
 * of a surrogate pair becomes {@code ?}; and it trusts that the terminal advanced the cursor as far
 * as the model did, so one emoji drawn wider (tmux 3.3a: {@code 👍🏽} is 4 cells, it does not join
 * modifiers) shifted the rest of the row and left stale cells on later refreshes. Here an uncertain
 * cluster ({@link Cells#uncertain}) is written as: spaces over its model cells (a terminal that draws
 * it narrower shows a blank, not a stale cell), back to its column, the cluster's bytes, then an
 * absolute move to the column after it. Absolute moves hold in tmux, xterm and the Linux console.
 * Autowrap is off while the screen is up, so a cluster drawn wider at the right edge cannot wrap or
 * scroll the screen. {@link ClusterScreen} rewrites what follows such a cluster on its row.
 *
 * <p>Called by the GUI thread only (the screen's refresh); input calls go straight through.
 */
final class ClusterTerminal implements Terminal {
    private static final byte[] AUTOWRAP_OFF = {0x1b, '[', '?', '7', 'l'};
    private static final byte[] AUTOWRAP_ON = {0x1b, '[', '?', '7', 'h'};

    private final Terminal terminal;
    private final OutputStream raw;
    private final Charset charset;
    private int column = -1; // -1: unknown, after a clear or before the first move
    private int row = -1;
    private boolean cleared;

    /**
     * @param raw the stream {@code terminal} writes to, for bytes it cannot encode right itself;
     *            null for a terminal that takes strings (the virtual terminal in tests)
     */
    ClusterTerminal(Terminal terminal, OutputStream raw, Charset charset) {
        this.terminal = terminal;
        this.raw = raw;
        this.charset = charset;
    }

    /** True once after the screen was cleared (a complete refresh); resets the mark. */
    boolean takeCleared() {
        boolean was = cleared;
        cleared = false;
        return was;
    }

    @Override
    public void putString(String string) throws IOException {
        if (string.length() == 1 && string.charAt(0) < 0x80) {
            putCharacter(string.charAt(0));
            return;
        }
        int width = Cells.clusterWidth(string);
        boolean reposition = column >= 0 && Cells.uncertain(string);
        if (reposition) {
            terminal.putString(" ".repeat(width));
            terminal.setCursorPosition(column, row);
        }
        write(string);
        if (column >= 0) {
            column += width;
            if (reposition) {
                terminal.setCursorPosition(column, row);
            }
        }
    }

    private void write(String cluster) throws IOException {
        if (raw == null) {
            terminal.putString(cluster);
            return;
        }
        // The stream terminal writes straight to this same stream object, so the order is kept.
        synchronized (raw) {
            raw.write(cluster.getBytes(charset));
        }
    }

    @Override
    public void putCharacter(char c) throws IOException {
        terminal.putCharacter(c);
        if (column >= 0) {
            column++;
        }
    }

    @Override
    public void setCursorPosition(int x, int y) throws IOException {
        terminal.setCursorPosition(x, y);
        column = x;
        row = y;
    }

    @Override
    public void setCursorPosition(TerminalPosition position) throws IOException {
        setCursorPosition(position.getColumn(), position.getRow());
    }

    @Override
    public void clearScreen() throws IOException {
        terminal.clearScreen();
        column = -1;
        cleared = true;
    }

    @Override
    public void enterPrivateMode() throws IOException {
        terminal.enterPrivateMode();
        control(AUTOWRAP_OFF);
    }

    @Override
    public void exitPrivateMode() throws IOException {
        control(AUTOWRAP_ON);
        terminal.exitPrivateMode();
    }

    private void control(byte[] sequence) throws IOException {
        if (raw != null) {
            synchronized (raw) {
                raw.write(sequence);
            }
            raw.flush();
        }
    }

    @Override
    public TerminalPosition getCursorPosition() throws IOException {
        return terminal.getCursorPosition();
    }

    @Override
    public void setCursorVisible(boolean visible) throws IOException {
        terminal.setCursorVisible(visible);
    }

    @Override
    public TextGraphics newTextGraphics() throws IOException {
        return terminal.newTextGraphics();
    }

    @Override
    public void enableSGR(SGR sgr) throws IOException {
        terminal.enableSGR(sgr);
    }

    @Override
    public void disableSGR(SGR sgr) throws IOException {
        terminal.disableSGR(sgr);
    }

    @Override
    public void resetColorAndSGR() throws IOException {
        terminal.resetColorAndSGR();
    }

    @Override
    public void setForegroundColor(TextColor color) throws IOException {
        terminal.setForegroundColor(color);
    }

    @Override
    public void setBackgroundColor(TextColor color) throws IOException {
        terminal.setBackgroundColor(color);
    }

    @Override
    public void addResizeListener(TerminalResizeListener listener) {
        terminal.addResizeListener(listener);
    }

    @Override
    public void removeResizeListener(TerminalResizeListener listener) {
        terminal.removeResizeListener(listener);
    }

    @Override
    public TerminalSize getTerminalSize() throws IOException {
        return terminal.getTerminalSize();
    }

    @Override
    public byte[] enquireTerminal(int timeout, TimeUnit timeoutUnit) throws IOException {
        return terminal.enquireTerminal(timeout, timeoutUnit);
    }

    @Override
    public void bell() throws IOException {
        terminal.bell();
    }

    @Override
    public void flush() throws IOException {
        terminal.flush();
    }

    @Override
    public void close() throws IOException {
        terminal.close();
    }

    @Override
    public KeyStroke pollInput() throws IOException {
        return terminal.pollInput();
    }

    @Override
    public KeyStroke readInput() throws IOException {
        return terminal.readInput();
    }
}
