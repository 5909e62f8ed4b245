package dev.chat.client.tui;

import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.screen.ScreenBuffer;
import com.googlecode.lanterna.screen.TerminalScreen;

import java.io.IOException;

/**
 * A Lanterna screen that repairs what a terminal's other idea of a cluster's width may have hidden.
 *
 * <p>A terminal that draws an emoji sequence wider than the model (tmux 3.3a: {@code 👍🏽} is 4
 * cells) covers the cells after it. {@link ClusterTerminal} puts the cursor back, but a delta
 * refresh writes only changed cells, so an unchanged cell under the overhang would stay hidden,
 * and a complete refresh skips blank cells. So before each refresh the rest of the row after a
 * changed uncertain cluster is marked stale, and after a complete refresh the rest of every row
 * with one is written again. {@link #repaintAll} (Ctrl-L) makes the next refresh complete.
 * GUI thread only.
 */
final class ClusterScreen extends TerminalScreen {
    /** Equal to nothing drawn, so the delta refresh rewrites a cell holding it. */
    private static final TextCharacter STALE = TextCharacter.fromCharacter('\uFFFE')[0];

    private final ClusterTerminal terminal;
    private boolean repaintAll;

    ClusterScreen(ClusterTerminal terminal) throws IOException {
        super(terminal);
        this.terminal = terminal;
    }

    /** The next refresh repaints the whole terminal, whatever it shows now. */
    void repaintAll() {
        repaintAll = true;
    }

    @Override
    public synchronized void refresh(RefreshType type) throws IOException {
        boolean complete = repaintAll || type == RefreshType.COMPLETE;
        repaintAll = false;
        markAfterUncertain(true);
        terminal.takeCleared();
        super.refresh(complete ? RefreshType.COMPLETE : type);
        if (terminal.takeCleared() && markAfterUncertain(false)) {
            super.refresh(RefreshType.DELTA);
        }
    }

    /**
     * Marks stale, on each row, every front cell after the first uncertain cluster (only changed
     * ones when {@code changedOnly}); true if any was marked.
     */
    private boolean markAfterUncertain(boolean changedOnly) {
        ScreenBuffer back = getBackBuffer();
        ScreenBuffer front = getFrontBuffer();
        int columns = Math.min(back.getSize().getColumns(), front.getSize().getColumns());
        int rows = Math.min(back.getSize().getRows(), front.getSize().getRows());
        boolean marked = false;
        for (int row = 0; row < rows; row++) {
            for (int col = 0; col < columns; col++) {
                TextCharacter cell = back.getCharacterAt(col, row);
                if (cell instanceof Glyph && Cells.uncertain(cell.getCharacterString())
                        && (!changedOnly || !cell.equals(front.getCharacterAt(col, row)))) {
                    for (int after = col + (cell.isDoubleWidth() ? 2 : 1); after < columns; after++) {
                        front.setCharacterAt(after, row, STALE);
                    }
                    marked = true;
                    break;
                }
            }
        }
        return marked;
    }
}
