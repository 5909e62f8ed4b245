package dev.chat.client.tui;

import dev.chat.client.ChatException;
import dev.chat.client.ChatSession;
import dev.chat.client.DisconnectedException;
import dev.chat.client.JoinException;
import dev.chat.client.TransferProtocol;
import dev.chat.client.command.Command;
import dev.chat.client.command.CommandParser;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.ChatText;
import dev.chat.wire.Names;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Sent;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
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
    static final List<String> HELP = List.of(
            "NAME: text       send text to NAME only (all: text goes to everyone)",
            "text             send to the current target; //text sends '/text'",
            "/to NAME         change the current target (or F2, pick a user, Enter)",
            "/users           list who is online",
            "/files           pick a shared file to download (or F3)",
            "/get FILE [tcp|udp]  download FILE (UDP unless told otherwise)",
            "/cancel ID       stop transfer ID     /clear  empty this pane",
            "/quit            leave (Ctrl-C too)",
            "keys: Tab complete, Up/Down history, PgUp/PgDn scroll, Esc back to the input line");

    /**
     * A line on its way: where to, what, the line as typed (restored into the input if the send
     * fails), and whether the user addressed it with a {@code NAME:} prefix.
     */
    private record Outgoing(String target, String text, String typed, boolean addressed) {
    }

    private final TuiState state;
    private final Executor gui;
    private final Clock clock;
    private final Path downloads;
    private final Deque<Outgoing> outbox = new ArrayDeque<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private Connection connection;
    private TransferBook transfers;
    private boolean everJoined;

    Controller(TuiState state, Executor gui, Clock clock, Path downloads) {
        this.state = state;
        this.gui = gui;
        this.clock = clock;
        this.downloads = downloads;
    }

    void bind(Connection link, TransferBook book) {
        this.connection = link;
        this.transfers = book;
    }

    /** Completes with the exit code when the user quits. */
    CompletableFuture<Integer> exit() {
        return exit;
    }

    void quit() {
        state.link = TuiState.Link.CLOSED;
        exit.complete(everJoined ? 0 : FullScreenClient.EXIT_NOT_JOINED);
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
        everJoined = true;
        state.ownName = session.name();
        state.link = TuiState.Link.CONNECTED;
        state.linkNote = "";
        state.joinBusy = false;
        state.setUsers(session.welcome().users());
        if (state.focus == TuiState.Focus.JOIN) {
            state.focus = TuiState.Focus.INPUT;
        }
        int count = session.welcome().users().size();
        note((rejoin ? "reconnected to " : "joined ") + state.server + " as " + session.name() + ", " + count
                + (count == 1 ? " user" : " users") + " online (" + session.welcome().server() + "); /help for help");
        showJoinHistory(session);
        session.listFiles().thenAccept(files -> gui.execute(() -> state.files = List.copyOf(files)));
        flushOutbox(session);
    }

    /** The messages the daemon replayed on joining (what was missed, on a rejoin), above a line "— live —". */
    private void showJoinHistory(ChatSession session) {
        List<Message> history = session.welcome().history();
        String ownKey = Names.key(session.name());
        for (Message m : history) {
            ChatLine.Kind kind = m.isBroadcast() ? ChatLine.Kind.BROADCAST
                    : Names.key(m.from()).equals(ownKey) ? ChatLine.Kind.PRIVATE_OUT : ChatLine.Kind.PRIVATE_IN;
            state.scrollback.append(new ChatLine(m.ts(), kind, m.from(), m.to(), m.text()));
        }
        if (!history.isEmpty()) {
            note("— live —");
        }
    }

    @Override
    public void joinFailed(Exception e) {
        state.link = TuiState.Link.JOINING;
        askName(describeJoinFailure(e));
    }

    String describeJoinFailure(Exception e) {
        if (e instanceof JoinException join) {
            return switch (join.kind()) {
                case REJECTED -> join.code().map(code -> switch (code) {
                    case NAME_TAKEN -> "that name is taken: try another";
                    case NAME_INVALID -> "not a valid name: " + join.getMessage();
                    case PASSWORD_REQUIRED, WRONG_PASSWORD -> code + ": " + join.getMessage()
                            + " (start chat with --password-file FILE or CHAT_PASSWORD)";
                    default -> code + ": " + join.getMessage();
                }).orElse(join.getMessage());
                case UNREACHABLE -> join.getMessage() + " - Enter to retry";
                default -> join.kind() + ": " + join.getMessage() + " - Enter to retry";
            };
        }
        return "failed: " + e + " - Enter to retry";
    }

    @Override
    public void lost(Throwable cause, Duration delay) {
        state.link = TuiState.Link.RECONNECTING;
        state.linkNote = "retry in " + delay.toSeconds() + " s";
        error("DISCONNECTED", "connection lost (" + cause.getMessage() + "); reconnecting as " + state.ownName);
    }

    @Override
    public void retrying(Duration delay, Exception lastFailure) {
        state.link = TuiState.Link.RECONNECTING;
        state.linkNote = "retry in " + delay.toSeconds() + " s";
        String why = lastFailure instanceof JoinException j && j.code().isPresent() ? j.code().get().toString()
                : String.valueOf(lastFailure.getMessage());
        note("rejoin failed (" + why + "); next try in " + delay.toSeconds() + " s");
    }

    // ---- network events --------------------------------------------------------------------------

    @Override
    public void message(Message m) {
        ChatLine.Kind kind = m.isBroadcast() ? ChatLine.Kind.BROADCAST : ChatLine.Kind.PRIVATE_IN;
        state.scrollback.append(new ChatLine(m.ts(), kind, m.from(), m.to(), m.text()));
    }

    @Override
    public void userJoined(String name) {
        state.addUser(name);
        if (state.isTarget(name) && state.targetGone) {
            state.targetGone = false;
            note("your target " + name + " is back");
        }
        state.scrollback.append(new ChatLine(now(), ChatLine.Kind.JOIN, name, "", ""));
    }

    @Override
    public void userLeft(String name, LeaveReason reason) {
        state.removeUser(name);
        if (state.isTarget(name)) {
            state.targetGone = true;
            error("", "your target " + name + " left (" + reason.text() + "); /to all or another name");
        }
        state.scrollback.append(new ChatLine(now(), ChatLine.Kind.LEAVE, name, reason.text(), ""));
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
            case Command.SendTo s -> send(new Outgoing(s.target(), s.text(), line, true));
            case Command.SendToCurrent s -> send(new Outgoing(state.target, s.text(), line, false));
            case Command.SwitchTarget s -> switchTarget(s.target());
            case Command.ListUsers u -> listUsers();
            case Command.ListFiles f -> openFiles();
            case Command.Get g -> download(g.file(), g.protocol());
            case Command.Cancel c -> cancel(c.id());
            case Command.Clear c -> state.scrollback.clear();
            case Command.Help h -> HELP.forEach(this::note);
            case Command.History h -> showHistory(h.count());
            case Command.Register r -> error("", "/register is in line mode for now: chat --line, or a script with --password-file");
            case Command.Quit q -> quit();
            case Command.Nothing n -> { }
            case Command.Expect e -> error("", "/expect is for scripts (chat --script)");
            case Command.Sleep e -> error("", "/sleep is for scripts (chat --script)");
            case Command.Invalid i -> error("", i.reason());
        }
    }

    /** Switches, warning when the target is this user (each line would show twice) or is not online. */
    void switchTarget(String target) {
        state.target = Names.isBroadcast(target) ? Names.ALL : state.canonical(target);
        state.targetGone = !Names.isBroadcast(state.target) && !isOnline(state.target);
        note("now talking to " + state.target);
        if (!state.ownName.isEmpty() && Names.key(state.target).equals(Names.key(state.ownName))) {
            error("", "that is you: each line will show twice, as sent and as received");
        } else if (state.targetGone) {
            error("", state.target + " is not online: lines to them fail until they join");
        }
    }

    private boolean isOnline(String name) {
        String key = Names.key(name);
        return state.users().stream().anyMatch(u -> Names.key(u).equals(key));
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
            note("sending " + draft.lines().size() + " pasted lines to " + state.target);
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
        send(new Outgoing(state.target, line, line, false));
    }

    private void send(Outgoing out) {
        ChatSession session = connection.session();
        if (session == null) {
            if (outbox.size() >= OUTBOX_LIMIT) {
                error("NOT_SENT", "not connected and " + OUTBOX_LIMIT + " lines already wait");
                restore(out.typed());
                return;
            }
            outbox.add(out);
            note("not connected: '" + out.text() + "' for " + out.target() + " waits (" + outbox.size() + " queued)");
            return;
        }
        session.send(out.target(), out.text()).whenComplete((sent, failure) -> gui.execute(() -> sent(out, sent, failure)));
    }

    private void sent(Outgoing out, Sent sent, Throwable failure) {
        if (failure == null) {
            ChatLine.Kind kind = Names.isBroadcast(sent.to()) ? ChatLine.Kind.BROADCAST : ChatLine.Kind.PRIVATE_OUT;
            state.scrollback.append(new ChatLine(sent.ts(), kind, state.ownName, sent.to(), out.text()));
            if (sent.isStored()) {
                note(sent.to() + " is away: the message is stored and delivered when they are back");
            }
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        switch (cause) {
            case ChatException chat -> {
                error(chat.code().toString(), chat.getMessage());
                restore(out.typed());
                if (chat.code() == ErrorCode.UNKNOWN_TARGET && out.addressed()) {
                    state.plainOffer = out.typed();
                    note("Enter sends the line as it is to " + state.target + " as plain text; editing it cancels that");
                }
            }
            case DisconnectedException gone -> {
                outbox.add(out);
                note("connection dropped before '" + out.text() + "' was confirmed: it waits for the rejoin");
            }
            case TimeoutException timeout -> {
                error("TIMEOUT", "no reply to '" + out.text() + "' in time; it may not have arrived");
                restore(out.typed());
            }
            default -> {
                error("ERROR", String.valueOf(cause.getMessage()));
                restore(out.typed());
            }
        }
    }

    /**
     * Nothing typed is lost: a line that was not sent goes back into the input line, or, when the
     * user is already typing the next one, stays in the history for Up.
     */
    private void restore(String typed) {
        if (state.input.text().isEmpty()) {
            state.input.set(typed);
        } else {
            state.history.add(typed);
            note("'" + typed + "' was not sent; Up brings it back");
        }
    }

    private void flushOutbox(ChatSession session) {
        if (!outbox.isEmpty()) {
            note("sending " + outbox.size() + " queued line(s)");
        }
        while (!outbox.isEmpty()) {
            Outgoing next = outbox.poll();
            session.send(next.target(), next.text()).whenComplete((sent, failure) -> gui.execute(() -> sent(next, sent, failure)));
        }
    }

    private void listUsers() {
        ChatSession session = connection.session();
        if (session == null) {
            note("users (" + state.users().size() + ", maybe stale): " + String.join(", ", state.users()));
            return;
        }
        session.listUsers().whenComplete((users, failure) -> gui.execute(() -> {
            if (failure != null) {
                failed(failure);
                return;
            }
            state.setUsers(users);
            note("users (" + users.size() + "): " + String.join(", ", users));
        }));
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
            messages.forEach(m -> note("(history) " + ChatText.forDisplay(m.from()) + " -> "
                    + (m.isBroadcast() ? "all" : ChatText.forDisplay(m.to())) + ": " + ChatText.forDisplay(m.text())));
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
        note("transfer " + id + ": " + file + " over " + protocol + " into " + directory);
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
        state.scrollback.append(ChatLine.info(now(), text));
    }

    private void error(String code, String text) {
        state.scrollback.append(ChatLine.error(now(), code, text));
    }

    private long now() {
        return clock.millis();
    }
}
