package dev.chat.client.tui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Draws the chat pane and the users pane. The chat pane lays out only the lines that are visible,
 * from the bottom of the view upwards, wrapping each to the pane's width; a line's body is
 * reordered for display with {@link Cells#visual}, row by row.
 */
final class ChatPainter {
    private static final int TIME_CELLS = 11; // "[12:00:01] "

    private final DateTimeFormatter time;

    ChatPainter(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
    }

    /** One screen row of the chat pane: cells of styled text; {@code line} null is the unread marker. */
    private record Row(ChatLine line, boolean first, String body, int indent) {
    }

    /** The unread marker line: above the first line that arrived after you left this buffer. */
    static final String MARKER = "─── new since you left ";

    private static final Row MARKER_ROW = new Row(null, true, MARKER, 0);

    void chat(Canvas c, TuiState state, Layout layout) {
        int width = layout.chatColumns();
        int height = layout.topRows();
        Deque<Row> rows = new ArrayDeque<>();
        int marker = state.buffers.current().markerIndex();
        for (int index = state.scrollback().bottomIndex(); index >= 0 && rows.size() < height; index--) {
            ChatLine line = state.scrollback().get(index);
            if (!(line.quiet() && state.smartFilter)) {
                List<Row> entry = layout(line, width);
                for (int i = entry.size() - 1; i >= 0 && rows.size() < height; i--) {
                    rows.addFirst(entry.get(i));
                }
            }
            if (index == marker && rows.size() < height) {
                rows.addFirst(MARKER_ROW);
            }
        }
        int top = height - rows.size();
        for (int r = 0; r < top; r++) {
            c.blank(0, r, width, Canvas.Style.PLAIN);
        }
        int r = top;
        ChatLine match = state.found == null ? null : state.found.match();
        for (Row row : rows) {
            if (row.line() == null) {
                c.line(0, r++, MARKER + "─".repeat(Math.max(0, width - Cells.width(MARKER))), width, Canvas.Style.ERROR);
            } else {
                draw(c, r++, row, width, state.ownName, row.line() == match);
            }
        }
    }

    private List<Row> layout(ChatLine line, int width) {
        String body = line.templated() ? Cells.cleanTemplate(line.body()) : Cells.clean(line.body());
        int indent = TIME_CELLS + Cells.width(Cells.clean(line.prefix())) + 1;
        if (indent > width / 2) {
            indent = TIME_CELLS; // a very long prefix: wrap under the time instead
        }
        // Our templates run left to right whatever they hold; a peer's text takes its own direction.
        boolean rtl = !line.templated() && Cells.isRightToLeft(body);
        int firstWidth = Math.max(1, width - (TIME_CELLS + Cells.width(Cells.clean(line.prefix())) + 1));
        List<String> wrapped = Cells.wrap(body, Math.max(1, Math.min(firstWidth, width - indent)));
        java.util.ArrayList<Row> rows = new java.util.ArrayList<>(wrapped.size());
        for (int i = 0; i < wrapped.size(); i++) {
            rows.add(new Row(line, i == 0, Cells.visual(wrapped.get(i), rtl), indent));
        }
        return rows;
    }

    private void draw(Canvas c, int r, Row row, int width, String ownName, boolean match) {
        ChatLine line = row.line();
        int col = 0;
        if (row.first()) {
            col += c.text(col, r, "[" + time.format(Instant.ofEpochMilli(line.ts())) + "] ", width, Canvas.Style.DIM);
            col += prefix(c, r, col, line, width - col);
            col += c.text(col, r, " ", width - col, Canvas.Style.PLAIN);
        } else {
            c.blank(0, r, row.indent(), Canvas.Style.PLAIN);
            col = row.indent();
        }
        col += c.text(col, r, row.body(), width - col, match ? Canvas.Style.SELECTED : bodyStyle(line, ownName));
        c.blank(col, r, width - col, Canvas.Style.PLAIN);
    }

    private int prefix(Canvas c, int r, int col, ChatLine line, int max) {
        String nick = Cells.visualRun(line.nick());
        String peer = Cells.visualRun(line.peer());
        return switch (line.kind()) {
            case BROADCAST -> c.text(col, r, nick + ":", max, Canvas.Style.nick(line.nick()));
            case PRIVATE_IN -> {
                int used = c.text(col, r, nick, max, Canvas.Style.nick(line.nick()));
                yield used + c.text(col + used, r, " -> you:", max - used, Canvas.Style.BOLD.reversed());
            }
            case PRIVATE_OUT -> {
                int used = c.text(col, r, "you -> ", max, Canvas.Style.BOLD.reversed());
                yield used + c.text(col + used, r, peer + ":", max - used, Canvas.Style.nick(line.peer()));
            }
            case ACTION -> {
                int used = c.text(col, r, "* ", max, Canvas.Style.INFO);
                yield used + c.text(col + used, r, nick, max - used, Canvas.Style.nick(line.nick()));
            }
            case JOIN -> c.text(col, r, line.prefix(), max, Canvas.Style.JOIN);
            case LEAVE -> c.text(col, r, line.prefix(), max, Canvas.Style.LEAVE);
            case ERROR -> c.text(col, r, Cells.clean(line.prefix()), max, Canvas.Style.ERROR);
            case INFO -> c.text(col, r, line.prefix(), max, Canvas.Style.INFO);
        };
    }

    private static Canvas.Style bodyStyle(ChatLine line, String ownName) {
        return switch (line.kind()) {
            case BROADCAST, PRIVATE_IN, ACTION -> Alerts.mentions(line.text(), ownName) ? Canvas.Style.MENTION : Canvas.Style.PLAIN;
            case ERROR -> Canvas.Style.ERROR;
            case INFO -> Canvas.Style.INFO;
            case JOIN, LEAVE -> Canvas.Style.DIM;
            default -> Canvas.Style.PLAIN;
        };
    }

    /**
     * The users pane: a title with the count, then one name per row, the current target marked. When
     * not everyone fits, the last row says how many are not shown ({@code +20 more (F2)}); a name
     * too long for the pane ends in {@code …}.
     */
    void users(Canvas c, TuiState state, Layout layout) {
        int col = layout.usersColumn();
        int width = layout.usersColumns();
        c.vertical(col - 1, 0, layout.topRows(), '│', Canvas.Style.DIM);
        boolean focused = state.focus == TuiState.Focus.USERS;
        String title = "Users (" + state.users().size() + ")";
        c.line(col, 0, " " + title, width, Canvas.Style.TITLE);
        List<String> users = state.users();
        int rows = layout.topRows() - 1;
        boolean overflow = users.size() > rows;
        int visible = overflow ? rows - 1 : rows;
        int first = Math.max(0, Math.min(state.userSelection - visible + 1, users.size() - visible));
        if (overflow) {
            String more = " +" + (users.size() - visible) + " more" + (focused ? "" : " (F2)");
            c.line(col, rows, Cells.ellipsize(more, width), width, Canvas.Style.DIM);
        }
        for (int r = 1; r <= visible; r++) {
            int index = first + r - 1;
            if (index >= users.size()) {
                c.blank(col, r, width, Canvas.Style.PLAIN);
                continue;
            }
            String name = users.get(index);
            boolean target = state.isTarget(name);
            boolean selected = focused && index == state.userSelection;
            Canvas.Style style = Canvas.Style.nick(name);
            int used = c.text(col, r, target ? ">" : " ", 1, target ? Canvas.Style.BOLD : Canvas.Style.PLAIN);
            boolean own = name.equals(state.ownName);
            boolean away = own ? state.ownAway != null : state.awayReason(name) != null;
            String you = (own ? " (you)" : "") + (away ? " (away)" : "");
            String label = Cells.visualRun(Cells.ellipsize(Cells.clean(name), Math.max(1, width - used - Cells.width(you))))
                    + you;
            Canvas.Style shown = selected ? style.reversed() : target ? style.underlined() : style;
            c.line(col + used, r, Cells.ellipsize(label, width - used), width - used, shown);
        }
    }
}
