package dev.chat.client.tui;

import java.util.Objects;

/**
 * The chat pane's history: a ring buffer of the last {@code capacity} lines, plus where the view is
 * scrolled to and how many lines arrived below it. Only the visible lines are laid out when drawing,
 * so the capacity costs memory, not time. Confined to the GUI thread.
 */
final class Scrollback {
    static final int DEFAULT_CAPACITY = 10_000;

    private final ChatLine[] ring;
    private int start;
    private int size;
    /** Lines between the newest line and the bottom of the view; 0 = following the conversation. */
    private int offset;
    private int unread;
    /** Lines ever appended (replacements not counted): where a reader left off, for the unread marker. */
    private long appended;

    Scrollback(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        ring = new ChatLine[capacity];
    }

    void append(ChatLine line) {
        Objects.requireNonNull(line, "line");
        appended++;
        if (size < ring.length) {
            ring[(start + size) % ring.length] = line;
            size++;
        } else {
            ring[start] = line;
            start = (start + 1) % ring.length;
        }
        if (offset > 0) {
            // Keep the view on the same lines while new ones arrive below it.
            offset = Math.min(offset + 1, size - 1);
            unread++;
        }
    }

    /**
     * Replaces {@code old} with {@code line} when {@code old} is still the newest line (a status line
     * updated in place: one rejoin line, not one per attempt); otherwise appends {@code line}.
     */
    void replaceNewest(ChatLine old, ChatLine line) {
        Objects.requireNonNull(line, "line");
        if (old != null && size > 0 && ring[(start + size - 1) % ring.length] == old) {
            ring[(start + size - 1) % ring.length] = line;
        } else {
            append(line);
        }
    }

    /** Replaces the line {@code old} (the same object), searching from the newest; false when gone. */
    boolean replace(ChatLine old, ChatLine line) {
        Objects.requireNonNull(line, "line");
        for (int i = size - 1; i >= 0; i--) {
            int slot = (start + i) % ring.length;
            if (ring[slot] == old) {
                ring[slot] = line;
                return true;
            }
        }
        return false;
    }

    long appended() {
        return appended;
    }

    int size() {
        return size;
    }

    int capacity() {
        return ring.length;
    }

    /** The line at {@code index}, 0 being the oldest kept. */
    ChatLine get(int index) {
        Objects.checkIndex(index, size);
        return ring[(start + index) % ring.length];
    }

    /** Index of the newest line shown at the bottom of the view, or -1 when empty. */
    int bottomIndex() {
        return size - 1 - offset;
    }

    /** Scrolls up ({@code lines > 0}) or down; at the bottom, the unread count resets. */
    void scroll(int lines) {
        offset = Math.max(0, Math.min(size - 1, offset + lines));
        if (size == 0) {
            offset = 0;
        }
        if (offset == 0) {
            unread = 0;
        }
    }

    /** Scrolls so that line {@code index} (0 the oldest kept) is at the bottom of the view. */
    void show(int index) {
        Objects.checkIndex(index, size);
        offset = size - 1 - index;
        if (offset == 0) {
            unread = 0;
        }
    }

    boolean scrolledUp() {
        return offset > 0;
    }

    /** Lines that arrived while scrolled up and are below the view. */
    int unread() {
        return unread;
    }

    void clear() {
        java.util.Arrays.fill(ring, null);
        start = 0;
        size = 0;
        offset = 0;
        unread = 0;
    }
}
