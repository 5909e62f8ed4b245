package dev.chat.client.tui;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines entered before, recalled with Up and Down as in a shell: Up from the bottom keeps the line
 * being typed as a draft that Down brings back. At most {@link #MAX} lines; repeats are kept once.
 */
final class History {
    static final int MAX = 500;

    private final List<String> lines = new ArrayList<>();
    /** Position while browsing; lines.size() means "at the draft". */
    private int position;
    private String draft = "";

    /** Where lines added from now on are also kept (the shared file), and what it held: read first. */
    private HistoryFile file;

    /**
     * Starts from the lines in {@code store} and keeps every new line there too. The file is read
     * while the first screen is up, so lines entered before it arrived come after its lines and
     * are written to it now.
     */
    void attach(HistoryFile store) {
        List<String> typed = List.copyOf(lines);
        lines.clear();
        file = store;
        for (String line : store.lines()) {
            remember(line);
        }
        for (String line : typed) {
            if (remember(line)) {
                store.add(line);
            }
        }
        position = lines.size();
    }

    void add(String line) {
        if (remember(line) && file != null) {
            file.add(line);
        }
        position = lines.size();
        draft = "";
    }

    private boolean remember(String line) {
        if (!line.isBlank() && (lines.isEmpty() || !lines.getLast().equals(line))) {
            lines.add(line);
            if (lines.size() > MAX) {
                lines.removeFirst();
            }
            return true;
        }
        return false;
    }

    /** The older line, or {@code current} unchanged at the oldest. */
    String up(String current) {
        if (position == lines.size()) {
            draft = current;
        }
        if (position == 0) {
            return current;
        }
        position--;
        return lines.get(position);
    }

    /** The newer line, the draft past the newest, or {@code current} when not browsing. */
    String down(String current) {
        if (position >= lines.size()) {
            return current;
        }
        position++;
        return position == lines.size() ? draft : lines.get(position);
    }

    /**
     * Ctrl-R: the newest line before index {@code before} that contains {@code query} (case
     * ignored), as its index; -1 when none. {@code before} = {@link #size()} searches them all.
     */
    int find(String query, int before) {
        String wanted = query.toLowerCase(java.util.Locale.ROOT);
        for (int i = Math.min(before, lines.size()) - 1; i >= 0; i--) {
            if (lines.get(i).toLowerCase(java.util.Locale.ROOT).contains(wanted)) {
                return i;
            }
        }
        return -1;
    }

    String get(int index) {
        return lines.get(index);
    }

    int size() {
        return lines.size();
    }
}
