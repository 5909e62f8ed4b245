package dev.chat.client.tui;

import dev.chat.client.TransferProtocol;
import dev.chat.wire.Names;
import dev.chat.wire.frame.FileEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the screen shows, as plain data. Written and read only on the GUI thread; painters
 * read it, the controller changes it.
 */
final class TuiState {
    /** Where the connection stands, for the status bar. */
    enum Link { JOINING, CONNECTED, RECONNECTING, CLOSED }

    /** Which part of the screen gets the keys. */
    enum Focus { INPUT, USERS, FILES, JOIN }

    /** The conversations: the room and one per private peer, each with its own scrollback. */
    final Buffers buffers;
    /** The password modal (the join's password, /register, /password): over the screen while it asks. */
    final PasswordDialog passwords = new PasswordDialog();
    final InputEditor input = new InputEditor();
    final History history = new History();
    final Completer completer = new Completer();
    /** The join dialog's name field. */
    final InputEditor nameField = new InputEditor();

    String server;
    String ownName = "";
    /** The room buffer's target: {@code all}, or the user {@code /to} named. */
    String roomTarget = Names.ALL;
    /** The current target is a user who is not online (left, or never was): the status bar says so. */
    boolean targetGone;
    Link link = Link.JOINING;
    /** The joined session's server certificate ({@code SHA256:...}) when it is encrypted; null for plaintext. */
    String tlsFingerprint;
    /** A short note after the link state: "retry in 4 s", "cannot reach ...". */
    String linkNote = "";
    Focus focus = Focus.INPUT;
    /** The join dialog's message: why the last attempt failed, or what is going on. */
    String joinMessage = "";
    boolean joinBusy;
    /**
     * A line whose {@code NAME:} prefix named nobody online, put back in the input: Enter on it
     * unchanged sends it whole as plain text (null: no such offer).
     */
    String plainOffer;
    /** A bracketed paste being received: its text so far (null: not pasting). */
    StringBuilder pasting;
    /** A multi-line paste waiting for Enter (send) or Esc (drop); null when none. */
    PasteDraft pasteDraft;
    /** A Ctrl-R history search under way; null when none. */
    HistorySearch search;

    /** Private messages and mentions ring the terminal's bell (settings key {@code bell}, {@code /bell}). */
    boolean bell = true;
    /** The conversation logs ({@code --log-dir}); null when not logging. */
    ChatLogs logs;
    /** A {@code /search} in the buffer shown; null when none. */
    BufferSearch found;
    /** Private messages and mentions that arrived while the user was not typing; a key clears it. */
    int alerts;
    /** Join and leave lines of people who have not spoken lately are hidden ({@code /joins all} shows them). */
    boolean smartFilter = true;
    final SmartFilter speakers = new SmartFilter();

    private final List<String> users = new ArrayList<>();
    /** Who is away (by {@link Names#key}), with the reason: from the welcome and {@code user_away} events. */
    private final Map<String, String> away = new java.util.HashMap<>();
    /** This user's own away reason ({@code /away}), or null when here; the status bar shows it. */
    String ownAway;
    int userSelection;

    final Map<Integer, TransferRow> transfers = new LinkedHashMap<>();
    /** F4: the transfers pane shows its title row only. */
    boolean transfersCollapsed;
    /** Transfer rows scrolled off below the pane (Ctrl-Up/Ctrl-Down); 0 shows the newest. */
    int transferScroll;

    List<FileEntry> files = List.of();
    int fileSelection;
    TransferProtocol pickerProtocol = TransferProtocol.DEFAULT;

    TuiState(String server, int scrollbackCapacity) {
        this.server = server;
        this.buffers = new Buffers(scrollbackCapacity);
    }

    /** The scrollback of the buffer shown. */
    Scrollback scrollback() {
        return buffers.current().lines;
    }

    /** After a buffer switch: whether the new target is a user who is not online (the status bar says so). */
    void refreshTargetGone() {
        String shown = target();
        String key = Names.key(shown);
        targetGone = !Names.isBroadcast(shown) && users.stream().noneMatch(u -> Names.key(u).equals(key));
    }

    /** Where a line without a {@code NAME:} prefix goes: a private buffer's peer, else the room's target. */
    String target() {
        Buffers.Buffer shown = buffers.current();
        return shown.isRoom() ? roomTarget : shown.peer();
    }

    /**
     * Appends {@code line} to its conversation: the room for {@code peer} null, else the private
     * buffer with {@code peer}, opened when there is none (the room when too many are open). Counts
     * it as unread there unless shown; {@code forYou} marks the buffer in the activity bar.
     */
    Buffers.Buffer post(ChatLine line, String peer, boolean forYou) {
        Buffers.Buffer buffer = place(line, peer, forYou);
        log(buffer.isRoom() ? null : buffer.peer(), line);
        return buffer;
    }

    /** As {@link #post}, but not logged: history the daemon replays on joining was logged when it was live. */
    Buffers.Buffer place(ChatLine line, String peer, boolean forYou) {
        Buffers.Buffer buffer = peer == null ? buffers.room() : buffers.open(peer);
        if (buffer == null) {
            buffer = buffers.room();
        }
        buffer.lines.append(line);
        buffers.arrived(buffer, forYou);
        return buffer;
    }

    /** Appends {@code line} to its conversation's log file, when logging; a failed write is said once. */
    void log(String peer, ChatLine line) {
        if (logs == null) {
            return;
        }
        logs.append(peer, line);
        String failure = logs.takeFailure();
        if (failure != null) {
            scrollback().append(ChatLine.error(line.ts(), "LOG", failure));
        }
    }

    /**
     * A line you sent: in its conversation (the peer's buffer, opened if need be, or the room), and
     * also in the buffer shown when that is another, so that you see what you sent where you typed it.
     */
    void postSent(ChatLine line, String peer) {
        Buffers.Buffer buffer = peer == null ? buffers.room() : buffers.open(peer);
        if (buffer == null) {
            buffer = buffers.room();
        }
        buffer.lines.append(line);
        if (buffer != buffers.current()) {
            scrollback().append(line);
        }
        log(buffer.isRoom() ? null : buffer.peer(), line);
    }

    List<String> users() {
        return users;
    }

    void setUsers(List<String> names) {
        users.clear();
        names.forEach(this::addUser);
        away.keySet().removeIf(key -> users.stream().noneMatch(u -> Names.key(u).equals(key)));
    }

    /** Everyone's away states at once, as a welcome gives them. */
    void setAway(Map<String, String> reasons) {
        away.clear();
        reasons.forEach(this::markAway);
    }

    /** {@code name} is away with {@code reason}, or back when it is null. */
    void markAway(String name, String reason) {
        if (reason == null) {
            away.remove(Names.key(name));
        } else {
            away.put(Names.key(name), reason);
        }
    }

    /** Why {@code name} is away, or null when they are here. */
    String awayReason(String name) {
        return away.get(Names.key(name));
    }

    void addUser(String name) {
        String key = Names.key(name);
        if (users.stream().noneMatch(u -> Names.key(u).equals(key))) {
            users.add(name);
            users.sort(Comparator.comparing(Names::key));
        }
    }

    void removeUser(String name) {
        String key = Names.key(name);
        users.removeIf(u -> Names.key(u).equals(key));
        away.remove(key); // away ends with the session
        userSelection = Math.min(userSelection, Math.max(0, users.size() - 1));
    }

    /** The registered spelling of {@code name} if online, else {@code name}. */
    String canonical(String name) {
        String key = Names.key(name);
        return users.stream().filter(u -> Names.key(u).equals(key)).findFirst().orElse(name);
    }

    boolean isTarget(String name) {
        return Names.key(name).equals(Names.key(target()));
    }

    /** Transfers that have not finished. */
    boolean anyTransferRunning() {
        return transfers.values().stream().anyMatch(t -> !t.status().finished());
    }

    /** What the input line shows: the line being edited, or a waiting paste's preview. */
    InputEditor inputShown() {
        if (search != null) {
            InputEditor shown = new InputEditor();
            shown.set(search.prompt());
            return shown;
        }
        return pasteDraft == null ? input : pasteDraft.preview(target());
    }

    List<String> fileNames() {
        return files.stream().map(FileEntry::name).toList();
    }
}
