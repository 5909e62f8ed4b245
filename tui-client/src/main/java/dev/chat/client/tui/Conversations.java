package dev.chat.client.tui;

import java.time.Clock;

/**
 * The user's moves between buffers ({@code /query}, {@code /close}, Alt-1..9, Alt-Left/Right,
 * Ctrl-P/N) and {@code /search} in the one shown, with the notes they leave. GUI thread only.
 */
final class Conversations {
    private final TuiState state;
    private final Clock clock;

    Conversations(TuiState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    /** {@code /query NAME}: shows the private buffer with NAME, opening it when there is none. */
    void query(String name) {
        String peer = state.canonical(name);
        boolean fresh = state.buffers.find(peer) == null;
        Buffers.Buffer buffer = state.buffers.open(peer);
        if (buffer == null) {
            error(Buffers.MAX_OPEN + " private buffers are open: /close some first");
            return;
        }
        show(buffer);
        if (fresh) {
            note("private conversation with " + Cells.isolate(peer) + " (buffer " + state.buffers.currentNumber()
                    + "): lines go to them without a prefix; /close closes it");
        }
    }

    /** {@code /close}: the private buffer shown goes; the room stays. */
    void close() {
        String label = state.buffers.current().label();
        if (!state.buffers.closeCurrent()) {
            error("the room (buffer 1) is never closed; /close is for private buffers");
            return;
        }
        switched();
        note("closed the conversation with " + Cells.isolate(label));
    }

    /** Alt-N: buffer N (1-based), when open. */
    void show(int number) {
        if (number != state.buffers.currentNumber() && state.buffers.show(number)) {
            switched();
        }
    }

    /** Alt-Right / Ctrl-N ({@code 1}) and Alt-Left / Ctrl-P ({@code -1}). */
    void step(int step) {
        state.buffers.step(step);
        switched();
    }

    private void show(Buffers.Buffer buffer) {
        state.buffers.show(buffer);
        switched();
    }

    /** Another buffer is shown: a search of the last one ends; the target is the new buffer's. */
    private void switched() {
        state.found = null;
        state.refreshTargetGone();
    }

    /** {@code /search TEXT}: scrolls to the newest line of the buffer shown that contains TEXT. */
    void search(String text) {
        state.found = BufferSearch.start(state.scrollback(), text);
        if (state.found == null) {
            error("no line here contains '" + text + "'");
        }
    }

    /** Alt-Up ({@code older}) or Alt-Down during a search; at either end the status bar says there is no more. */
    void searchStep(boolean older) {
        BufferSearch found = state.found;
        if (found != null) {
            found.step(older);
        }
    }

    /** Esc: the search ends and the view returns to the newest line. */
    void endSearch() {
        state.found = null;
        state.scrollback().scroll(-state.scrollback().size());
    }

    private void note(String text) {
        state.scrollback().append(ChatLine.info(clock.millis(), text));
    }

    private void error(String text) {
        state.scrollback().append(ChatLine.error(clock.millis(), "", text));
    }
}
