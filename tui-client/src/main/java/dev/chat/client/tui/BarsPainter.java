package dev.chat.client.tui;

import dev.chat.client.command.Command;
import dev.chat.client.command.CommandParser;
import dev.chat.client.command.LongText;

import com.googlecode.lanterna.TerminalPosition;
import dev.chat.client.TransferProtocol;
import dev.chat.wire.frame.FileEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws what is not chat: the transfers pane, the status bar, the input line, and the overlays
 * (join dialog, file picker, "too small"). Returns where the cursor goes.
 */
final class BarsPainter {
    /**
     * The transfers pane: a title with the count and marks for rows scrolled out of view
     * ({@code ▲ 2 more}, {@code ▼ 1 more}), then the rows. Nothing without transfers; the title
     * alone when collapsed (F4).
     */
    void transfers(Canvas c, TuiState state, Layout layout) {
        if (!layout.hasTransfersPane()) {
            return;
        }
        int width = layout.columns();
        List<TransferRow> rows = new ArrayList<>(state.transfers.values());
        int shown = layout.transferRows();
        int below = Math.max(0, Math.min(state.transferScroll, rows.size() - shown));
        int from = Math.max(0, rows.size() - shown - below);
        long running = rows.stream().filter(r -> !r.status().finished()).count();
        StringBuilder title = new StringBuilder("─ Transfers (").append(rows.size())
                .append(running > 0 ? ", " + running + " running" : "").append(") ");
        if (state.transfersCollapsed) {
            title.append("hidden (F4 shows) ");
        } else {
            title.append(from > 0 ? "▲ " + from + " more " : "").append(below > 0 ? "▼ " + below + " more " : "");
        }
        String hint = state.transfersCollapsed ? " ─"
                : " Ctrl-Up/Down scroll  F4 hide  /cancel ID  /clear transfers ─";
        if (Cells.width(title.toString()) + Cells.width(hint) > width) {
            hint = " ─";
        }
        int fill = Math.max(0, width - Cells.width(title.toString()) - Cells.width(hint));
        c.line(0, layout.transfersRow(), Cells.truncate(title + "─".repeat(fill) + hint, width), width, Canvas.Style.DIM);
        for (int i = 0; i < shown; i++) {
            TransferRow t = rows.get(from + i);
            c.line(0, layout.transfersRow() + 1 + i, t.render(width), width, style(t.status()));
        }
    }

    private static Canvas.Style style(TransferStatus status) {
        return switch (status) {
            case FAILED -> Canvas.Style.ERROR;
            case DONE -> Canvas.Style.JOIN;
            case CANCELLED -> Canvas.Style.DIM;
            default -> Canvas.Style.PLAIN;
        };
    }

    void status(Canvas c, TuiState state, Layout layout) {
        StringBuilder bar = new StringBuilder(" ").append(state.server).append(" | ")
                .append(state.ownName.isEmpty() ? "(not joined)" : Cells.isolate(state.ownName))
                .append(state.ownAway == null ? "" : " (away: " + Cells.isolate(state.ownAway) + ")").append(" | ")
                .append(linkText(state));
        if (state.tlsFingerprint != null && state.link == TuiState.Link.CONNECTED) {
            bar.append(" | TLS"); // encrypted; the chat pane has the certificate's fingerprint
        }
        bar.append(" | ").append(state.buffers.currentNumber()).append(':').append(Cells.isolate(state.buffers.current().label()));
        String act = state.buffers.activity();
        if (!act.isEmpty()) {
            bar.append(" | Act: ").append(act); // as irssi: buffers with unread lines, ! for yours
        }
        if (state.found != null) {
            bar.append(" | search ").append(state.found.position()).append(state.found.edge().isEmpty() ? "" : ", "
                    + state.found.edge()).append(" (Alt-Up/Down, Esc)");
        }
        bar.append(" | to: ").append(Cells.isolate(state.target())).append(state.targetGone ? " (offline)" : "");
        if (state.focus == TuiState.Focus.USERS) {
            bar.append(" | users: Up/Down, Enter talks to, Esc back");
        }
        if (state.alerts > 0) {
            bar.append(" | ").append(state.alerts).append(" new for you");
        }
        String tooLong = lengthHint(state.input.text());
        if (tooLong != null) {
            bar.append(" | ").append(tooLong);
        }
        if (state.scrollback().scrolledUp()) {
            bar.append(" | scrolled up, ").append(state.scrollback().unread()).append(" unread (PgDn)");
        }
        c.line(0, layout.statusRow(), Cells.visualTemplate(bar.toString()), layout.columns(), Canvas.Style.BAR);
    }

    /** {@code 5000/4096 bytes: Enter sends 2 messages} for a message over the daemon's limit, else null. */
    static String lengthHint(String input) {
        if (!LongText.tooLong(input)) {
            return null; // the whole line fits, so its text does too
        }
        String text = switch (CommandParser.parse(input)) {
            case Command.SendTo send -> send.text();
            case Command.SendToCurrent send -> send.text();
            default -> null;
        };
        if (text == null || !LongText.tooLong(text)) {
            return null;
        }
        return LongText.bytes(text) + "/" + LongText.MAX_BYTES + " bytes: Enter sends " + LongText.split(text).size()
                + " messages";
    }

    private static String linkText(TuiState state) {
        String link = switch (state.link) {
            case JOINING -> "joining";
            case CONNECTED -> "connected";
            case RECONNECTING -> "CONNECTION LOST";
            case CLOSED -> "closed";
        };
        return state.linkNote.isEmpty() ? link : link + ", " + state.linkNote;
    }

    /** The input line: {@code [target] text}, scrolled sideways to keep the cursor in view. */
    TerminalPosition input(Canvas c, TuiState state, Layout layout) {
        String prompt = "[" + Cells.visualRun(Cells.truncate(Cells.clean(state.target()), 20)) + "] ";
        int promptWidth = c.text(0, layout.inputRow(), prompt, layout.columns(), Canvas.Style.BOLD);
        int room = layout.columns() - promptWidth - 1;
        field(c, promptWidth, layout.inputRow(), state.inputShown(), room);
        return new TerminalPosition(promptWidth + cursorInField(state.inputShown(), room), layout.inputRow());
    }

    /** Draws an editor's text in {@code room} cells, scrolled so that the cursor shows. */
    private static void field(Canvas c, int col, int row, InputEditor editor, int room) {
        String text = Cells.clean(editor.text());
        int skip = Math.max(0, editor.cursorColumn() - room + 1);
        c.line(col, row, dropCells(text, skip), room + 1, Canvas.Style.PLAIN);
    }

    private static int cursorInField(InputEditor editor, int room) {
        int column = editor.cursorColumn();
        return column - Math.max(0, column - room + 1);
    }

    /** {@code text} without its first {@code cells} cells (a wide glyph cut in half is dropped). */
    private static String dropCells(String text, int cells) {
        if (cells == 0) {
            return text;
        }
        int dropped = 0;
        StringBuilder rest = new StringBuilder();
        for (String cluster : Cells.clusters(text)) {
            if (dropped < cells) {
                dropped += Cells.clusterWidth(cluster);
            } else {
                rest.append(cluster);
            }
        }
        return rest.toString();
    }

    /** The join dialog, centred; returns the cursor position in its name field. */
    TerminalPosition joinDialog(Canvas c, TuiState state) {
        int width = Math.min(56, c.columns() - 2);
        int col = (c.columns() - width) / 2;
        int row = Math.max(0, (c.rows() - 8) / 2);
        c.box(col, row, width, 8, "Join " + state.server, Canvas.Style.BOLD);
        c.text(col + 2, row + 2, "Your name:", width - 4, Canvas.Style.PLAIN);
        int fieldCol = col + 13;
        int room = width - 16;
        field(c, fieldCol, row + 2, state.nameField, room);
        String message = state.joinBusy ? "joining..." : state.joinMessage;
        Canvas.Style style = state.joinMessage.isEmpty() || state.joinBusy ? Canvas.Style.INFO : Canvas.Style.ERROR;
        List<String> lines = Cells.wrap(Cells.clean(message), width - 4);
        for (int i = 0; i < Math.min(2, lines.size()); i++) {
            c.text(col + 2, row + 4 + i, lines.get(i), width - 4, style);
        }
        c.text(col + 2, row + 6, "Enter: join   Esc: quit", width - 4, Canvas.Style.DIM);
        return new TerminalPosition(fieldCol + cursorInField(state.nameField, room), row + 2);
    }

    /** The file picker over the chat pane: name and size per row, the protocol to use. */
    void filePicker(Canvas c, TuiState state, Layout layout) {
        int width = Math.max(40, layout.columns() - 8);
        int height = Math.max(6, layout.topRows() - 2);
        int col = (layout.columns() - width) / 2;
        c.box(col, 1, width, height, "Files (" + state.files.size() + ")  Enter: download  Tab: protocol  Esc: close",
                Canvas.Style.BOLD);
        c.text(col + 2, 2, "protocol: " + (state.pickerProtocol == TransferProtocol.UDP ? "[UDP] TCP" : "UDP [TCP]"),
                width - 4, Canvas.Style.INFO);
        int visible = height - 4;
        int first = Math.max(0, Math.min(state.fileSelection - visible + 1, state.files.size() - visible));
        for (int i = 0; i < visible; i++) {
            int index = first + i;
            if (index >= state.files.size()) {
                break;
            }
            FileEntry file = state.files.get(index);
            String size = Units.bytes(file.size());
            String text = Cells.fitRun(file.name(), width - 16) + Cells.fitRight(size, 11);
            c.line(col + 2, 3 + i, text, width - 4,
                    index == state.fileSelection ? Canvas.Style.SELECTED : Canvas.Style.PLAIN);
        }
        if (state.files.isEmpty()) {
            c.text(col + 2, 3, "the daemon shares no files", width - 4, Canvas.Style.DIM);
        }
    }

    void tooSmall(Canvas c) {
        for (int r = 0; r < c.rows(); r++) {
            c.blank(0, r, c.columns(), Canvas.Style.PLAIN);
        }
        String message = "Terminal too small (" + c.columns() + "x" + c.rows() + "); need "
                + Layout.MIN_COLUMNS + "x" + Layout.MIN_ROWS;
        List<String> rows = Cells.wrap(message, Math.max(1, c.columns()));
        for (int i = 0; i < rows.size() && i < c.rows(); i++) {
            c.text(0, Math.max(0, c.rows() / 2 - 1) + i, rows.get(i), c.columns(), Canvas.Style.BOLD);
        }
    }
}
