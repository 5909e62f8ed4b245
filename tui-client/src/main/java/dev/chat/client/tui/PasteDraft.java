package dev.chat.client.tui;

import java.util.ArrayList;
import java.util.List;

/**
 * A multi-line paste waiting for the user to say yes: its lines, and what the input line shows in
 * its place. Pasted lines are text for the current target, never commands or addresses. Bounded:
 * a paste of more than {@link #MAX_LINES} lines or {@link #MAX_CHARS} characters is refused whole.
 */
record PasteDraft(List<String> lines) {
    static final int MAX_LINES = 1_000;
    static final int MAX_CHARS = 256 * 1024;

    PasteDraft {
        lines = List.copyOf(lines);
    }

    /** The pasted text split into lines without the blank ones; null when it is too large. */
    static PasteDraft of(String pasted) {
        if (pasted.length() > MAX_CHARS) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (String line : pasted.split("\r\n|\r|\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines.size() > MAX_LINES ? null : new PasteDraft(lines);
    }

    /** What the input line shows instead of the draft. */
    InputEditor preview(String target) {
        InputEditor editor = new InputEditor();
        editor.set("(" + lines.size() + (lines.size() == 1 ? " pasted line" : " pasted lines") + ": Enter sends to " + target + " as text, Esc drops them) "
                + lines.getFirst());
        editor.home();
        return editor;
    }
}
