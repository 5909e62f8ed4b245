package dev.chat.client.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.AbstractInteractableComponent;
import com.googlecode.lanterna.gui2.InteractableRenderer;
import com.googlecode.lanterna.gui2.TextGUIGraphics;
import com.googlecode.lanterna.input.KeyStroke;

import java.time.ZoneId;

/**
 * The whole screen as one Lanterna component in one undecorated full-screen window: it lays the
 * panes out for its current size on every draw, so resizing needs nothing but a redraw. Keys reach
 * the controller directly from the GUI loop; this component holds focus only so that Lanterna puts
 * the terminal cursor where {@link #getCursorLocation()} says. GUI thread only.
 */
final class ScreenView extends AbstractInteractableComponent<ScreenView> {
    private final TuiState state;
    private final ChatPainter chat;
    private final BarsPainter bars = new BarsPainter();
    private final TrustDialog trust;
    private TerminalPosition cursor;

    ScreenView(TuiState state, ZoneId zone, TrustDialog trust) {
        this.state = state;
        this.chat = new ChatPainter(zone);
        this.trust = trust;
    }

    /** Marks the screen for redrawing; the GUI loop redraws after its current batch of tasks. */
    void changed() {
        invalidate();
    }

    @Override
    protected Result handleKeyStroke(KeyStroke keyStroke) {
        return Result.HANDLED; // keys go to the controller; never let Lanterna move focus away
    }

    @Override
    protected InteractableRenderer<ScreenView> createDefaultRenderer() {
        return new InteractableRenderer<>() {
            @Override
            public TerminalPosition getCursorLocation(ScreenView view) {
                return cursor;
            }

            @Override
            public TerminalSize getPreferredSize(ScreenView view) {
                return new TerminalSize(Layout.MIN_COLUMNS, Layout.MIN_ROWS);
            }

            @Override
            public void drawComponent(TextGUIGraphics graphics, ScreenView view) {
                Canvas canvas = new Canvas(graphics);
                cursor = paint(canvas);
                if (state.passwords.showing()) {
                    state.passwords.paint(canvas); // the password typed is drawn as stars only
                    cursor = null;
                }
                if (trust.showing()) {
                    trust.paint(canvas); // over everything, the join dialog and "too small" included
                    cursor = null;
                }
            }
        };
    }

    private TerminalPosition paint(Canvas c) {
        Layout layout = Layout.of(c.columns(), c.rows(), state.transfers.size(), state.transfersCollapsed);
        if (layout.tooSmall()) {
            bars.tooSmall(c);
            return null;
        }
        chat.chat(c, state, layout);
        chat.users(c, state, layout);
        bars.transfers(c, state, layout);
        bars.status(c, state, layout);
        TerminalPosition inputCursor = bars.input(c, state, layout);
        return switch (state.focus) {
            case INPUT -> inputCursor;
            case USERS -> null;
            case FILES -> {
                bars.filePicker(c, state, layout);
                yield null;
            }
            case JOIN -> bars.joinDialog(c, state);
        };
    }

    /** Rows the chat pane has at the current size, for paging. */
    int chatRows() {
        TerminalSize size = getSize();
        Layout layout = Layout.of(size.getColumns(), size.getRows(), state.transfers.size(), state.transfersCollapsed);
        return Math.max(1, layout.topRows());
    }
}
