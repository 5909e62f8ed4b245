package dev.chat.client.tui;

import dev.chat.client.ChatException;
import dev.chat.client.ChatSession;
import dev.chat.client.TransferProtocol;
import dev.chat.client.command.Command;
import dev.chat.client.command.CommandParser;
import dev.chat.wire.ChatText;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.Names;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;

/**
 * Carries out what the user typed and what the network said, by changing {@link TuiState}. GUI
 * thread only: network callbacks arrive through {@link Connection}, request results are posted back
 * with {@code gui}. Lines typed while the connection is down wait in an outbox and are sent, in order,
 * after the rejoin; nothing typed is dropped without a word.
 */
final class Controller implements Connection.Ui {
    static final int OUTBOX_LIMIT = 200;
    private final TuiState state;
    private final Executor gui;
    private final Clock clock;
    private final Path downloads;
    private final Sender sender;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private Connection connection;
    private TransferBook transfers;
    private final RejoinLines rejoin;
    private final AccountPrompts accounts;
    private final Conversations conversations;
    private final Presence presence;

    private final Arrivals arrivals;

    Controller(TuiState state, Executor gui, Clock clock, Path downloads) {
        this.state = state;
        this.gui = gui;
        this.clock = clock;
        this.downloads = downloads;
        this.sender = new Sender(state, gui, clock, () -> connection.session());
        this.rejoin = new RejoinLines(state, clock);
        this.accounts = new AccountPrompts(state, gui, clock, () -> connection, this::askName);
        this.conversations = new Conversations(state, clock);
        this.arrivals = new Arrivals(state, clock);
        this.presence = new Presence(state, gui, clock, () -> connection.session());
    }

    void alerts(Alerts to) {
        arrivals.alerts(to);
    }

    /** A key was pressed: the user is here; the title's count goes. */
    void keyPressed() {
        arrivals.keyPressed();
    }

    Conversations conversations() {
        return conversations;
    }

    void bind(Connection link, TransferBook book) {
        this.connection = link;
        this.transfers = book;
    }

    /** Completes with the exit code when the user quits. */
    CompletableFuture<Integer> exit() {
        return exit;
    }

    /** The user leaves (/quit, Ctrl-C, Ctrl-D, Esc in the join dialog): exit code 0, their choice. */
    void quit() {
        state.link = TuiState.Link.CLOSED;
        exit.complete(0);
    }

    /**
     * The user leaves after the daemon's certificate was refused as changed: exit code 3, "could not
     * join", as line and script mode exit (docs/tls.md).
     */
    void quitUntrusted() {
        state.link = TuiState.Link.CLOSED;
        exit.complete(FullScreenClient.EXIT_UNTRUSTED);
    }

    /** A line in the chat pane from the key map (a question such as Ctrl-C's). */
    void notice(String text) {
        note(text);
    }

    // ---- joining ---------------------------------------------------------------------------------

    /** Starts a join as {@code name}, from --name or the dialog. */
    void joinAs(String name) {
        state.joinBusy = true;
        state.focus = TuiState.Focus.JOIN;
        state.nameField.set(name);
        state.link = TuiState.Link.JOINING;
        connection.join(name.strip());
    }

    void askName(String message) {
        state.focus = TuiState.Focus.JOIN;
        state.joinBusy = false;
        state.joinMessage = message;
    }

    @Override
    public void joined(ChatSession session, boolean rejoin) {
        state.server = connection.address();
        state.ownName = session.name();
        state.link = TuiState.Link.CONNECTED;
        state.linkNote = "";
        state.joinBusy = false;
        this.rejoin.joined();
        state.setUsers(session.welcome().users());
        state.setAway(session.welcome().away());
        presence.joined(session);
        state.tlsFingerprint = session.tlsFingerprint().orElse(null);
        if (state.focus == TuiState.Focus.JOIN) {
            state.focus = TuiState.Focus.INPUT;
        }
        int count = session.welcome().users().size();
        note((rejoin ? "reconnected to " : "joined ") + state.server + " as " + session.name() + ", " + count
                + (count == 1 ? " user" : " users") + " online (" + session.welcome().server() + "); /help for help");
        session.tlsFingerprint().ifPresent(f -> note("encrypted (TLS), server certificate " + f));
        arrivals.joinHistory(session, rejoin);
        session.listFiles().thenAccept(files -> gui.execute(() -> state.files = List.copyOf(files)));
        sender.flush(session);
    }

    @Override
    public void joinFailed(Exception e) {
        state.link = TuiState.Link.JOINING;
        if (accounts.joinRefused(e, state.nameField.text().strip())) {
            return;
        }
        askName(RejoinLines.describeJoinFailure(e));
    }

    @Override
    public void lost(Throwable cause, Duration delay) {
        rejoin.lost(cause, delay);
        state.server = connection.address(); // the next node after a failover
    }

    /** The password dialog again, as at the first join; Esc there goes to the join dialog, whose Esc quits. */
    @Override
    public void rejoinRefused(String name, Exception e) {
        state.nameField.set(name);
        state.linkNote = ""; // no retry is counting down
        joinFailed(e);
    }

    @Override
    public void replaced(Throwable cause) {
        state.link = TuiState.Link.RECONNECTING;
        state.linkNote = "replaced by another login (F5 takes the name back)";
        error(ErrorCode.SESSION_REPLACED.name(), cause.getMessage() + "; not reconnecting (/reconnect or F5 takes it back)");
    }

    /** A rejoin failed: {@link RejoinLines} says so; a taken name offers the join dialog once. */
    @Override
    public void retrying(Duration delay, Exception lastFailure) {
        if (rejoin.retrying(delay, lastFailure)) {
            state.nameField.set(state.ownName);
            askName(state.ownName + " is taken (your old session?): Enter joins as typed, Esc quits;"
                    + " retrying meanwhile");
        }
    }

    @Override
    public void countdown(Duration left) {
        rejoin.countdown(left);
    }

    /** {@code /reconnect} or F5. */
    void reconnectNow() {
        if (connection.retryNow()) {
            state.linkNote = "reconnecting now";
        } else if (connection.session() != null) {
            error("", "connected: nothing to reconnect");
        } else {
            note("a rejoin attempt is already under way");
        }
    }

    /** {@code /nick NAME}: only a rejoin can change the name (the daemon has no rename). */
    private void nick(String newName) {
        if (connection.rename(newName)) {
            state.linkNote = "rejoining as " + newName;
            note("rejoining as " + newName);
        } else {
            error("", "the daemon cannot rename a session: /nick is for a rejoin (a taken name after a reconnect)");
        }
    }

    // ---- network events --------------------------------------------------------------------------

    @Override
    public void message(Message m) {
        arrivals.message(m);
    }

    @Override
    public void userJoined(String name) {
        arrivals.userJoined(name);
    }

    @Override
    public void userLeft(String name, LeaveReason reason) {
        arrivals.userLeft(name, reason);
    }

    @Override
    public void userAway(String name, String reason) {
        arrivals.userAway(name, reason);
    }

    @Override
    public void shutdown(String message) {
        note("server shutting down: " + message);
    }

    @Override
    public void error(ChatException e) {
        error(e.code().toString(), e.getMessage());
    }

    // ---- commands --------------------------------------------------------------------------------

    /** Runs one input line. */
    void execute(String line) {
        switch (CommandParser.parse(line)) {
            case Command.SendTo s -> sender.send(s.target(), s.text(), line, true);
            case Command.SendToCurrent s -> sender.send(state.target(), s.text(), line, false);
            case Command.Action a -> sender.action(state.target(), a.text(), line);
            case Command.Away a -> presence.set(a.reason());
            case Command.SwitchTarget s -> switchTarget(s.target());
            case Command.ListUsers u -> listUsers();
            case Command.ListFiles f -> openFiles();
            case Command.Get g -> download(g.file(), g.protocol());
            case Command.Cancel c -> cancel(c.id());
            case Command.Clear c -> state.scrollback().clear();
            case Command.ClearTransfers c -> note(transfers.clearFinished() + " finished transfer row(s) cleared");
            case Command.JoinLines j -> {
                state.smartFilter = !j.all();
                note(j.all() ? "showing every join and leave" : "hiding joins and leaves of people who have not"
                        + " spoken in the last " + SmartFilter.DELAY.toMinutes() + " minutes (/joins all shows them)");
            }
            case Command.Query q -> conversations.query(q.name());
            case Command.Close c -> conversations.close();
            case Command.Search f -> conversations.search(f.text());
            case Command.Bell b -> {
                state.bell = b.on();
                note(b.on() ? "the bell rings for private messages and mentions" : "the bell is off");
            }
            case Command.Reconnect r -> reconnectNow();
            case Command.Nick n -> nick(n.name());
            case Command.Help h -> Arrivals.HELP.forEach(this::note);
            case Command.History h -> showHistory(h.count());
            case Command.Register r -> accounts.register();
            case Command.ChangePassword p -> accounts.changePassword();
            case Command.Quit q -> quit();
            case Command.Nothing n -> { }
            case Command.Expect e -> error("", "/expect is for scripts (chat --script)");
            case Command.Sleep e -> error("", "/sleep is for scripts (chat --script)");
            case Command.Invalid i -> error("", i.reason());
        }
    }

    /** Switches, warning when the target is this user (each line would show twice) or is not online. */
    void switchTarget(String target) {
        boolean self = !state.ownName.isEmpty() && Names.key(target).equals(Names.key(state.ownName));
        if (Names.isBroadcast(target) || self) {
            // The room's buffer; talking to yourself stays there, as your own messages do.
            conversations.show(1);
            state.roomTarget = self ? state.canonical(target) : Names.ALL;
            state.refreshTargetGone();
        } else {
            conversations.query(target); // as irssi's /query: the conversation with NAME is its buffer
        }
        note("now talking to " + Cells.isolate(state.target()));
        if (self) {
            error("", "that is you: each line will show twice, as sent and as received");
        } else if (state.targetGone) {
            error("", Cells.isolate(state.target()) + " is not online: lines to them fail until they join");
        }
    }

    /**
     * A bracketed paste ended: one line goes into the input line at the cursor, like typing; more
     * become a draft that waits for Enter. Pasted text is never run as a command.
     */
    void pasted(String text) {
        PasteDraft draft = PasteDraft.of(text);
        if (draft == null) {
            error("PASTE", "paste refused: more than " + PasteDraft.MAX_LINES + " lines or "
                    + PasteDraft.MAX_CHARS / 1024 + " KiB");
        } else if (draft.lines().size() == 1 && !draft.lines().getFirst().startsWith("/")) {
            draft.lines().getFirst().chars().forEach(c -> state.input.insert((char) c));
        } else if (!draft.lines().isEmpty()) { // several lines, or one that would run as a command
            state.pasteDraft = draft;
        }
    }

    /** Sends every line of the waiting paste, in order, as text to the current target. */
    void sendPasteDraft() {
        PasteDraft draft = state.pasteDraft;
        state.pasteDraft = null;
        if (draft != null) {
            note("sending " + draft.lines().size() + " pasted lines to " + state.target());
            draft.lines().forEach(this::sendPlain);
        }
    }

    void dropPasteDraft() {
        if (state.pasteDraft != null) {
            note(state.pasteDraft.lines().size() + " pasted lines dropped");
            state.pasteDraft = null;
        }
    }

    /** Sends a whole typed line as text to the current target, whatever it looks like (the plain-text offer). */
    void sendPlain(String line) {
        sender.send(state.target(), line, line, false);
    }

    private void listUsers() {
        ChatSession session = connection.session();
        if (session == null) {
            note("users (" + state.users().size() + ", maybe stale): " + isolatedList(state.users()));
            return;
        }
        session.listUsers().whenComplete((users, failure) -> gui.execute(() -> {
            if (failure != null) {
                failed(failure);
                return;
            }
            state.setUsers(users);
            note("users (" + users.size() + "): " + isolatedList(users));
        }));
    }

    /** Names joined with commas, each its own bidi run: two Hebrew names never swap places. */
    private static String isolatedList(List<String> names) {
        return String.join(", ", names.stream().map(Cells::isolate).toList());
    }

    /** {@code /history N}: the past messages as notes, oldest first, each marked. */
    private void showHistory(int count) {
        ChatSession session = connection.session();
        if (session == null) {
            error("DISCONNECTED", "not connected: no history");
            return;
        }
        session.history(null, null, count).whenComplete((messages, failure) -> gui.execute(() -> {
            if (failure != null) {
                failed(failure);
                return;
            }
            messages.forEach(m -> note("(history) " + Cells.isolate(m.from()) + " -> "
                    + (m.isBroadcast() ? "all" : Cells.isolate(m.to())) + ": " + Cells.isolate(m.text())));
            note(messages.isEmpty() ? "no history" : "— end of history —");
        }));
    }

    /** Fetches the file list and opens the picker on it. */
    void openFiles() {
        ChatSession session = connection.session();
        if (session == null) {
            error("DISCONNECTED", "not connected: no file list");
            return;
        }
        session.listFiles().whenComplete((files, failure) -> gui.execute(() -> {
            if (failure != null) {
                failed(failure);
                return;
            }
            state.files = List.copyOf(files);
            state.fileSelection = 0;
            state.focus = TuiState.Focus.FILES;
        }));
    }

    void download(String file, TransferProtocol protocol) {
        ChatSession session = connection.session();
        if (session == null) {
            error("DISCONNECTED", "not connected: cannot download " + file);
            return;
        }
        // As in line mode: downloads/<name>/ unless --download-dir says otherwise.
        Path directory = downloads != null ? downloads : Path.of("downloads", state.ownName);
        int id = transfers.start(session, file, protocol, directory);
        note("transfer " + id + ": " + Cells.isolate(file) + " over " + protocol + " into " + directory);
    }

    void downloadSelected() {
        if (state.fileSelection < state.files.size()) {
            FileEntry file = state.files.get(state.fileSelection);
            state.focus = TuiState.Focus.INPUT;
            download(file.name(), state.pickerProtocol);
        }
    }

    private void cancel(int id) {
        if (transfers.cancel(id)) {
            note("transfer " + id + " cancelled");
        } else {
            error("", "no running transfer " + id);
        }
    }

    private void failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ChatException chat) {
            error(chat.code().toString(), chat.getMessage());
        } else {
            error(cause instanceof TimeoutException ? "TIMEOUT" : "ERROR", String.valueOf(cause.getMessage()));
        }
    }

    private void note(String text) {
        state.scrollback().append(ChatLine.info(now(), text));
    }

    private void error(String code, String text) {
        state.scrollback().append(ChatLine.error(now(), code, text));
    }

    private long now() {
        return clock.millis();
    }
}
