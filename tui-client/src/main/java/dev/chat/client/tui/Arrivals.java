package dev.chat.client.tui;

import dev.chat.client.ChatSession;
import dev.chat.wire.Names;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What arrives from the daemon, put where it belongs: a message in its conversation's buffer (a
 * private one opens its peer's), joins and leaves in the room (and in the peer's buffer when open),
 * the bell and the title count for what is for you while you are not looking. Also the help text.
 * GUI thread only.
 */
final class Arrivals {
    static final List<String> HELP = List.of(
            "NAME: text       send text to NAME only (all: text goes to everyone)",
            "text             send to the current target; //text sends '/text'",
            "/to NAME         change the current target (or F2, pick a user, Enter)   /msg NAME text",
            "/me TEXT         an action to the current target: '* you TEXT'",
            "/away [REASON]   mark yourself away (everyone is told); /away alone or /back: back",
            "/query NAME      open (or show) the private buffer with NAME   /close  close the one shown",
            "/search TEXT     find TEXT in this buffer: Alt-Up older, Alt-Down newer, Esc ends   /bell on|off",
            "/users           list who is online",
            "/files           pick a shared file to download (or F3)",
            "/get FILE [tcp|udp]  download FILE (UDP unless told otherwise)",
            "/cancel ID       stop transfer ID     /clear  empty this pane   /clear transfers  drop finished rows",
            "/joins all|smart show every join/leave, or (default) only those of people who spoke lately",
            "/reconnect (F5)  while the connection is down, rejoin now instead of after the wait",
            "/nick NAME       while rejoining (your name taken), rejoin under NAME",
            "/register        register the name in use (a password, asked twice)   /password  change it",
            "/history [N]     the last N past messages",
            "/quit            leave (Ctrl-C too)",
            "keys: Tab complete, Up/Down history, PgUp/PgDn or the mouse wheel scroll, Esc back to the input line",
            "buffers: Alt-1..9 buffer N, Alt-Left/Right or Ctrl-P/N previous/next; Act: lists unread ones (! for you)");

    /** A key within this long before a message means the user is looking: no bell. */
    static final Duration LOOKING = Duration.ofSeconds(5);

    private final TuiState state;
    private final Clock clock;
    private Alerts alerts = Alerts.NONE;
    /** When the user last pressed a key (clock millis); never, at the start. */
    private long lastKey = Long.MIN_VALUE / 2;

    Arrivals(TuiState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    void alerts(Alerts to) {
        alerts = to;
    }

    /** A key was pressed: the user is here; the title's count goes. */
    void keyPressed() {
        lastKey = now();
        if (state.alerts > 0) {
            state.alerts = 0;
            alerts.seen(state.ownName);
        }
    }

    /**
     * The messages the daemon replayed on joining, above a line "— live —". On a rejoin they are what
     * was missed while the connection was down, so they are logged; on the first join they are the
     * room's recent past, which a log of an earlier run already holds.
     */
    void joinHistory(ChatSession session, boolean rejoin) {
        List<Message> history = session.welcome().history();
        String ownKey = Names.key(session.name());
        for (Message m : history) {
            boolean own = Names.key(m.from()).equals(ownKey);
            ChatLine.Kind kind = m.isBroadcast() ? ChatLine.Kind.BROADCAST
                    : own ? ChatLine.Kind.PRIVATE_OUT : ChatLine.Kind.PRIVATE_IN;
            ChatLine line = new ChatLine(m.ts(), kind, m.from(), m.to(), m.text());
            String peer = m.isBroadcast() ? null : own ? m.to() : m.from();
            if (rejoin) {
                state.post(line, peer, false);
            } else {
                state.place(line, peer, false);
            }
        }
        if (!history.isEmpty()) {
            state.scrollback().append(ChatLine.info(now(), "— live —"));
        }
    }

    void message(Message m) {
        ChatLine.Kind kind = m.isBroadcast() ? ChatLine.Kind.BROADCAST : ChatLine.Kind.PRIVATE_IN;
        ChatLine hiddenJoin = state.speakers.spoke(m.from(), now());
        if (hiddenJoin != null) {
            state.buffers.room().lines.replace(hiddenJoin, hiddenJoin.unmasked());
        }
        boolean fromMe = Names.key(m.from()).equals(Names.key(state.ownName.isEmpty() ? "-" : state.ownName));
        boolean forMe = !fromMe && (!m.isBroadcast() || Alerts.mentions(m.text(), state.ownName));
        // A private message opens (or goes to) its peer's buffer; a message to yourself stays in the room.
        String peer = m.isBroadcast() || fromMe ? null : m.from();
        state.post(new ChatLine(m.ts(), m.isAction() ? ChatLine.Kind.ACTION : kind, m.from(), m.to(), m.text()), peer, forMe);
        if (forMe && state.bell && now() - lastKey > LOOKING.toMillis()) {
            state.alerts++;
            alerts.ring(state.alerts, state.ownName);
        }
    }

    void userJoined(String name) {
        state.addUser(name);
        if (state.isTarget(name) && state.targetGone) {
            state.targetGone = false;
            state.scrollback().append(ChatLine.info(now(), "your target " + Cells.isolate(name) + " is back"));
        }
        roomEvent(state.speakers.joined(name, now()), name);
    }

    void userLeft(String name, LeaveReason reason) {
        state.removeUser(name);
        if (state.isTarget(name)) {
            state.targetGone = true;
            state.scrollback().append(ChatLine.error(now(), "", "your target " + Cells.isolate(name) + " left ("
                    + reason.text() + "); /to all or another name"));
        }
        roomEvent(state.speakers.left(name, reason.text(), now()), name);
    }

    /** {@code * bob is away: lunch} or {@code * bob is back}, where joins and leaves go; the users pane marks them. */
    void userAway(String name, String reason) {
        state.markAway(name, reason);
        String text = Cells.isolate(name) + (reason == null ? " is back" : " is away: " + Cells.isolate(reason));
        roomEvent(ChatLine.info(now(), text), name);
    }

    /** A join, leave or away: in the room (never counted as unread), and in the user's private buffer if open. */
    private void roomEvent(ChatLine line, String name) {
        state.buffers.room().lines.append(line);
        state.log(null, line);
        Buffers.Buffer query = state.buffers.find(name);
        if (query != null) {
            query.lines.append(line.unmasked()); // in a conversation with them, always shown
        }
    }

    private long now() {
        return clock.millis();
    }
}
