package dev.chat.client.tui;

import dev.chat.wire.Names;

import java.util.ArrayList;
import java.util.List;

/**
 * The conversations, as irssi's windows and WeeChat's buffers: number 1 is the room, then one per
 * private peer in the order they were opened. Each keeps its own scrollback, its unread count and
 * whether something in it was for you (a private message or a mention), and where you left it, for
 * the unread marker line. GUI thread only.
 */
final class Buffers {
    /** Buffers Alt-1..9 reach; more may be open (Alt-Left/Right and Ctrl-P/N reach every one). */
    static final int NUMBERED = 9;
    /** Private buffers kept open at most: a flood of strangers cannot open one each without a bound. */
    static final int MAX_OPEN = 50;

    /** One conversation: the room ({@code peer} null) or a private one with {@code peer}. */
    static final class Buffer {
        private final String peer;
        final Scrollback lines;
        /** Lines that arrived while another buffer was shown. */
        int unread;
        /** One of the unread lines was for you: a private message or a mention. */
        boolean highlight;
        /** {@link Scrollback#appended()} when you last left this buffer; -1 before that. */
        long leftAt = -1;

        Buffer(String peer, int capacity) {
            this.peer = peer;
            this.lines = new Scrollback(capacity);
        }

        /** The private peer, or null for the room. */
        String peer() {
            return peer;
        }

        boolean isRoom() {
            return peer == null;
        }

        /** What the activity bar and the status bar call it: {@code all}, or the peer. */
        String label() {
            return peer == null ? Names.ALL : peer;
        }

        /**
         * The index in {@link #lines} of the first line that arrived after you last left, when some
         * did and it is still kept; -1 otherwise (no marker line).
         */
        int markerIndex() {
            if (leftAt < 0) {
                return -1;
            }
            long newer = lines.appended() - leftAt;
            return newer <= 0 || newer >= lines.size() ? -1 : (int) (lines.size() - newer);
        }
    }

    private final int capacity;
    private final List<Buffer> open = new ArrayList<>();
    private int current;

    Buffers(int capacity) {
        this.capacity = capacity;
        open.add(new Buffer(null, capacity));
    }

    Buffer room() {
        return open.getFirst();
    }

    Buffer current() {
        return open.get(current);
    }

    List<Buffer> all() {
        return List.copyOf(open);
    }

    /** 1-based number of the current buffer, as the status bar shows it. */
    int currentNumber() {
        return current + 1;
    }

    /** The private buffer for {@code peer}, or null when none is open. */
    Buffer find(String peer) {
        String key = Names.key(peer);
        for (Buffer b : open) {
            if (!b.isRoom() && Names.key(b.peer()).equals(key)) {
                return b;
            }
        }
        return null;
    }

    /**
     * The private buffer for {@code peer}, opened (last in the list) when there is none; the room when
     * {@code peer} is {@code all}; null when {@link #MAX_OPEN} private buffers are open already.
     */
    Buffer open(String peer) {
        if (Names.isBroadcast(peer)) {
            return room();
        }
        Buffer found = find(peer);
        if (found == null && open.size() <= MAX_OPEN) {
            found = new Buffer(peer, capacity);
            open.add(found);
        }
        return found;
    }

    /** Shows {@code buffer}: its unread count and highlight go, and the one left gets its marker. */
    void show(Buffer buffer) {
        int index = open.indexOf(buffer);
        if (index < 0 || index == current) {
            return;
        }
        Buffer left = current();
        left.leftAt = left.lines.appended();
        current = index;
        buffer.unread = 0;
        buffer.highlight = false;
    }

    /** Shows buffer {@code number} (1-based); false when there is none. */
    boolean show(int number) {
        if (number < 1 || number > open.size()) {
            return false;
        }
        show(open.get(number - 1));
        return true;
    }

    /** The next ({@code step} 1) or previous (-1) buffer, wrapping around. */
    void step(int step) {
        show(open.get(Math.floorMod(current + step, open.size())));
    }

    /** Closes the current private buffer and shows the one before it; false for the room (never closed). */
    boolean closeCurrent() {
        if (current == 0) {
            return false;
        }
        open.remove(current);
        current--;
        current().unread = 0;
        current().highlight = false;
        return true;
    }

    /** Counts {@code line} arriving in {@code buffer}: unread unless shown, highlighted when {@code forYou}. */
    void arrived(Buffer buffer, boolean forYou) {
        if (buffer != current()) {
            buffer.unread++;
            buffer.highlight |= forYou;
        }
    }

    /**
     * irssi's {@code Act:} list: the numbers of the buffers with unread lines, a {@code !} after those
     * with something for you, e.g. {@code 1,3!}; "" when nothing is unread.
     */
    String activity() {
        StringBuilder act = new StringBuilder();
        for (int i = 0; i < open.size(); i++) {
            Buffer b = open.get(i);
            if (b.unread > 0) {
                act.append(act.isEmpty() ? "" : ",").append(i + 1).append(b.highlight ? "!" : "");
            }
        }
        return act.toString();
    }
}
