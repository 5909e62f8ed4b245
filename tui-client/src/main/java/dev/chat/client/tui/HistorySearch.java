package dev.chat.client.tui;

/**
 * Ctrl-R, as in readline: a query typed letter by letter finds the newest history line containing
 * it; Ctrl-R again finds the next older one; Enter puts the found line in the input line to edit or
 * send, Esc goes back to what was there. GUI thread only.
 */
final class HistorySearch {
    private final History history;
    private final String before;
    private final StringBuilder query = new StringBuilder();
    /** Index of the shown match in the history; -1 when nothing matches. */
    private int match = -1;

    HistorySearch(History history, String before) {
        this.history = history;
        this.before = before;
    }

    void type(char c) {
        query.append(c);
        match = history.find(query.toString(), match < 0 ? history.size() : match + 1);
    }

    void backspace() {
        if (!query.isEmpty()) {
            query.setLength(query.length() - 1);
            match = query.isEmpty() ? -1 : history.find(query.toString(), history.size());
        }
    }

    /** Ctrl-R again: the next older match, or the same one when there is none. */
    void older() {
        if (match > 0 && !query.isEmpty()) {
            int next = history.find(query.toString(), match);
            match = next >= 0 ? next : match;
        }
    }

    /** The line Enter takes: the match, or the line from before the search when none. */
    String result() {
        return match >= 0 ? history.get(match) : before;
    }

    /** What the input line was before Ctrl-R, for Esc. */
    String before() {
        return before;
    }

    /** The input line meanwhile: {@code (search 'que'): the matching line}. */
    String prompt() {
        String found = match >= 0 ? history.get(match) : query.isEmpty() ? "" : "(no match)";
        return "(search '" + query + "'): " + found;
    }
}
