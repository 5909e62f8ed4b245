package dev.chat.client.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.MouseAction;
import com.googlecode.lanterna.input.KeyType;

import dev.chat.client.TransferProtocol;

import java.util.function.IntSupplier;

/**
 * What each key does, by focus: the input line (editing, Tab, history, paging, F2 users, F3 files,
 * F4 hides the transfers pane, Ctrl-Up/Ctrl-Down scroll it, F5 reconnects now),
 * the users pane (Up/Down, Enter talks to the user), the file picker (Up/Down, Tab switches
 * TCP/UDP, Enter downloads) and the join dialog (Enter joins, Esc quits). Ctrl-L repaints the whole
 * screen in every focus. GUI thread only.
 */
final class KeyMap {
    private final TuiState state;
    private final Controller controller;
    private final IntSupplier pageRows;
    private final Runnable repaintAll;
    /** The last key was a Ctrl-C that asked about a draft: the next one quits. */
    private boolean quitArmed;

    /** @param repaintAll makes the next redraw repaint the whole terminal (Ctrl-L) */
    KeyMap(TuiState state, Controller controller, IntSupplier pageRows, Runnable repaintAll) {
        this.state = state;
        this.controller = controller;
        this.pageRows = pageRows;
        this.repaintAll = repaintAll;
    }

    void handle(KeyStroke key) {
        controller.keyPressed();
        if (key instanceof Paste.Mark mark) {
            paste(mark);
            return;
        }
        if (state.pasting != null && key.getKeyType() != KeyType.EOF) {
            pasted(key); // pasted keys are text, whatever they are
            return;
        }
        if (key.getKeyType() == KeyType.EOF) {
            controller.quit(); // the terminal is gone
            return;
        }
        if (key instanceof MouseAction mouse) {
            wheel(mouse);
            return;
        }
        if (key.isCtrlDown() && isChar(key, 'c')) {
            ctrlC();
            return;
        }
        quitArmed = false;
        if (key.isCtrlDown() && isChar(key, 'd') && state.focus == TuiState.Focus.INPUT && state.pasteDraft == null) {
            if (state.input.text().isEmpty()) {
                controller.quit(); // as in a shell: Ctrl-D on an empty line leaves
            } else {
                state.input.delete(); // as in Emacs and readline: delete the character under the cursor
            }
            return;
        }
        if (key.isCtrlDown() && isChar(key, 'l')) {
            repaintAll.run(); // in every focus, as in irssi and WeeChat: the screen may be garbled
            return;
        }
        if (key.getKeyType() != KeyType.Tab) {
            state.completer.reset();
        }
        switch (state.focus) {
            case INPUT -> input(key);
            case USERS -> users(key);
            case FILES -> files(key);
            case JOIN -> join(key);
        }
    }

    /**
     * Ctrl-C leaves at once when nothing is typed; with a draft in the input line (or a waiting
     * paste) it asks first, and a second Ctrl-C in a row leaves.
     */
    private void ctrlC() {
        boolean draft = !state.input.text().isEmpty() || state.pasteDraft != null;
        if (!draft || quitArmed) {
            controller.quit();
            return;
        }
        quitArmed = true;
        controller.notice("Ctrl-C again quits and drops what you typed; any other key goes on");
    }

    private void paste(Paste.Mark mark) {
        if (mark.start) {
            state.pasting = new StringBuilder();
        } else if (state.pasting != null) {
            String text = state.pasting.toString();
            state.pasting = null;
            controller.pasted(text);
        }
    }

    private void pasted(KeyStroke key) {
        if (state.pasting.length() > PasteDraft.MAX_CHARS) {
            return; // too long already: the end mark refuses it
        }
        switch (key.getKeyType()) {
            case Character -> state.pasting.append(key.getCharacter());
            case Enter -> state.pasting.append('\n');
            case Tab -> state.pasting.append(' ');
            default -> { }
        }
    }

    /** Chat lines one notch of the mouse wheel scrolls, as most terminals and browsers scroll three. */
    static final int WHEEL_ROWS = 3;

    /** The wheel scrolls the chat pane in every focus; clicks and moves are not used. */
    private void wheel(MouseAction mouse) {
        switch (mouse.getActionType()) {
            case SCROLL_UP -> state.scrollback().scroll(WHEEL_ROWS);
            case SCROLL_DOWN -> state.scrollback().scroll(-WHEEL_ROWS);
            default -> { }
        }
    }

    private static boolean isChar(KeyStroke key, char c) {
        return key.getKeyType() == KeyType.Character && Character.toLowerCase(key.getCharacter()) == c;
    }

    private void input(KeyStroke key) {
        if (state.pasteDraft != null) {
            draft(key);
            return;
        }
        if (state.search != null) {
            search(key);
            return;
        }
        InputEditor editor = state.input;
        if (key.isCtrlDown() && isChar(key, 'r')) {
            state.search = new HistorySearch(state.history, editor.text());
            return;
        }
        if (key.isCtrlDown() && (key.getKeyType() == KeyType.ArrowUp || key.getKeyType() == KeyType.ArrowDown)) {
            scrollTransfers(key.getKeyType() == KeyType.ArrowUp ? 1 : -1);
            return;
        }
        if (buffers(key)) {
            return;
        }
        switch (key.getKeyType()) {
            case Enter -> {
                String line = editor.take();
                state.history.add(line);
                String offer = state.plainOffer;
                state.plainOffer = null;
                if (line.equals(offer)) {
                    controller.sendPlain(line);
                } else {
                    controller.execute(line);
                }
            }
            case Tab -> {
                Completer.Result r = state.completer.complete(editor.text(), editor.cursor(), state.users(), state.fileNames());
                editor.set(r.line(), r.cursor());
            }
            case ArrowUp -> editor.set(state.history.up(editor.text()));
            case ArrowDown -> editor.set(state.history.down(editor.text()));
            case PageUp -> state.scrollback().scroll(page());
            case PageDown -> state.scrollback().scroll(-page());
            case F2 -> focusUsers();
            case F3 -> controller.openFiles();
            case F4 -> state.transfersCollapsed = !state.transfersCollapsed;
            case F5 -> controller.reconnectNow();
            default -> edit(editor, key);
        }
    }

    /**
     * Buffer keys, as irssi's and WeeChat's: Alt-1..9 show buffer N, Alt-Left/Right and Ctrl-P/N the
     * previous/next one; during a {@code /search}, Alt-Up/Down go to the older/newer match and Esc
     * ends it. True when {@code key} was one of them.
     */
    private boolean buffers(KeyStroke key) {
        Conversations conversations = controller.conversations();
        KeyType type = key.getKeyType();
        if (key.isAltDown() && type == KeyType.Character && key.getCharacter() >= '1' && key.getCharacter() <= '9') {
            conversations.show(key.getCharacter() - '0');
        } else if (key.isAltDown() && (type == KeyType.ArrowLeft || type == KeyType.ArrowRight)) {
            conversations.step(type == KeyType.ArrowRight ? 1 : -1);
        } else if (key.isCtrlDown() && (isChar(key, 'n') || isChar(key, 'p'))) {
            conversations.step(isChar(key, 'n') ? 1 : -1);
        } else if (state.found != null && key.isAltDown() && (type == KeyType.ArrowUp || type == KeyType.ArrowDown)) {
            conversations.searchStep(type == KeyType.ArrowUp);
        } else if (state.found != null && type == KeyType.Escape) {
            conversations.endSearch();
        } else {
            return false;
        }
        return true;
    }

    /** Keys while Ctrl-R searches the history. */
    private void search(KeyStroke key) {
        HistorySearch search = state.search;
        switch (key.getKeyType()) {
            case Character -> {
                if (key.isCtrlDown() && isChar(key, 'r')) {
                    search.older();
                } else if (!key.isCtrlDown() && !key.isAltDown()) {
                    search.type(key.getCharacter());
                }
            }
            case Backspace -> search.backspace();
            case Enter -> {
                state.search = null;
                state.input.set(search.result());
            }
            case Escape -> {
                state.search = null;
                state.input.set(search.before());
            }
            default -> { }
        }
    }

    /** A waiting multi-line paste: Enter sends it, Esc drops it, paging still works. */
    private void draft(KeyStroke key) {
        switch (key.getKeyType()) {
            case Enter -> controller.sendPasteDraft();
            case Escape -> controller.dropPasteDraft();
            case PageUp -> state.scrollback().scroll(page());
            case PageDown -> state.scrollback().scroll(-page());
            default -> { }
        }
    }

    /** Ctrl-Up shows older transfer rows, Ctrl-Down newer; bounded by the rows there are. */
    private void scrollTransfers(int rows) {
        int hidden = Math.max(0, state.transfers.size() - Layout.MAX_TRANSFER_ROWS);
        state.transferScroll = Math.max(0, Math.min(hidden, state.transferScroll + rows));
    }

    private int page() {
        return Math.max(1, pageRows.getAsInt() - 2);
    }

    /** Editing keys shared by the input line and the join dialog's name field. */
    private static void edit(InputEditor editor, KeyStroke key) {
        switch (key.getKeyType()) {
            case Character -> {
                if (key.isCtrlDown()) {
                    control(editor, key.getCharacter());
                } else if (key.isAltDown()) {
                    switch (Character.toLowerCase(key.getCharacter())) {
                        case 'b' -> editor.wordLeft();
                        case 'f' -> editor.wordRight();
                        default -> { }
                    }
                } else {
                    editor.insert(key.getCharacter());
                }
            }
            case ArrowLeft -> editor.left();
            case ArrowRight -> editor.right();
            case Home -> editor.home();
            case End -> editor.end();
            case Backspace -> editor.backspace();
            case Delete -> editor.delete();
            default -> { }
        }
    }

    private static void control(InputEditor editor, char c) {
        switch (Character.toLowerCase(c)) {
            case 'a' -> editor.home();
            case 'e' -> editor.end();
            case 'u' -> editor.killLine();
            case 'w' -> editor.deleteWord();
            case 'k' -> editor.killToEnd();
            case 'y' -> editor.yank();
            default -> { }
        }
    }

    private void focusUsers() {
        state.focus = TuiState.Focus.USERS;
        int index = state.users().indexOf(state.canonical(state.target()));
        state.userSelection = Math.max(0, index);
    }

    private void users(KeyStroke key) {
        int count = state.users().size();
        switch (key.getKeyType()) {
            case ArrowUp -> state.userSelection = Math.max(0, state.userSelection - 1);
            case ArrowDown -> state.userSelection = Math.min(Math.max(0, count - 1), state.userSelection + 1);
            case Enter -> {
                if (state.userSelection < count) {
                    controller.switchTarget(state.users().get(state.userSelection));
                }
                state.focus = TuiState.Focus.INPUT;
            }
            case Escape, F2, Tab -> state.focus = TuiState.Focus.INPUT;
            case PageUp -> state.scrollback().scroll(page());
            case PageDown -> state.scrollback().scroll(-page());
            default -> { }
        }
    }

    private void files(KeyStroke key) {
        int count = state.files.size();
        switch (key.getKeyType()) {
            case ArrowUp -> state.fileSelection = Math.max(0, state.fileSelection - 1);
            case ArrowDown -> state.fileSelection = Math.min(Math.max(0, count - 1), state.fileSelection + 1);
            case Tab, ArrowLeft, ArrowRight -> state.pickerProtocol =
                    state.pickerProtocol == TransferProtocol.UDP ? TransferProtocol.TCP : TransferProtocol.UDP;
            case Enter -> controller.downloadSelected();
            case Escape, F3 -> state.focus = TuiState.Focus.INPUT;
            case Character -> {
                if (isChar(key, 't')) {
                    state.pickerProtocol = TransferProtocol.TCP;
                } else if (isChar(key, 'u')) {
                    state.pickerProtocol = TransferProtocol.UDP;
                }
            }
            default -> { }
        }
    }

    private void join(KeyStroke key) {
        if (state.joinBusy) {
            return;
        }
        switch (key.getKeyType()) {
            case Enter -> {
                String name = state.nameField.text().strip();
                if (name.isEmpty()) {
                    state.joinMessage = "type a name first";
                } else {
                    controller.joinAs(name);
                }
            }
            case Escape -> controller.quit();
            default -> edit(state.nameField, key);
        }
    }
}
