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

    final Scrollback scrollback;
    /** The password modal (the join's password, /register, /password): over the screen while it asks. */
    final PasswordDialog passwords = new PasswordDialog();
    final InputEditor input = new InputEditor();
    final History history = new History();
    final Completer completer = new Completer();
    /** The join dialog's name field. */
    final InputEditor nameField = new InputEditor();

    String server;
    String ownName = "";
    String target = Names.ALL;
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

    /** Private messages and mentions that arrived while the user was not typing; a key clears it. */
    int alerts;
    /** Join and leave lines of people who have not spoken lately are hidden ({@code /joins all} shows them). */
    boolean smartFilter = true;
    final SmartFilter speakers = new SmartFilter();

    private final List<String> users = new ArrayList<>();
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
        this.scrollback = new Scrollback(scrollbackCapacity);
    }

    List<String> users() {
        return users;
    }

    void setUsers(List<String> names) {
        users.clear();
        names.forEach(this::addUser);
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
        userSelection = Math.min(userSelection, Math.max(0, users.size() - 1));
    }

    /** The registered spelling of {@code name} if online, else {@code name}. */
    String canonical(String name) {
        String key = Names.key(name);
        return users.stream().filter(u -> Names.key(u).equals(key)).findFirst().orElse(name);
    }

    boolean isTarget(String name) {
        return Names.key(name).equals(Names.key(target));
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
        return pasteDraft == null ? input : pasteDraft.preview(target);
    }

    List<String> fileNames() {
        return files.stream().map(FileEntry::name).toList();
    }
}
