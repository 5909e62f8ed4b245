package dev.chat.client.tui;

import dev.chat.client.command.CommandParser;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Tab completion for the input line, cycling through the matches on repeated Tab (as WeeChat does):
 * command names after a leading {@code /}; user names (with {@code ": "} at the start of a line,
 * after {@code /to}); file names after {@code /get}; {@code tcp}/{@code udp} after a file.
 * Confined to the GUI thread; any edit other than Tab ends a cycle ({@link #reset}).
 */
final class Completer {
    /** The input line's commands: the shared set less the script-only ones. */
    static final List<String> COMMANDS = CommandParser.COMMANDS.stream()
            .filter(command -> !command.equals("/expect") && !command.equals("/sleep")).toList();

    /** The line and cursor after a completion. */
    record Result(String line, int cursor) {
    }

    private List<String> matches = List.of();
    private int index;
    private int wordStart;
    private String suffix = "";
    private Result last;

    void reset() {
        last = null;
    }

    /**
     * Completes the word that ends at {@code cursor} (a char index); returns the line unchanged when
     * nothing matches.
     */
    Result complete(String line, int cursor, Collection<String> names, Collection<String> files) {
        if (last != null && last.line().equals(line) && last.cursor() == cursor && !matches.isEmpty()) {
            index = (index + 1) % matches.size();
        } else if (!startCycle(line, cursor, names, files)) {
            return new Result(line, cursor);
        }
        String word = matches.get(index) + suffix;
        String tail = line.substring(last == null ? cursor : last.cursor());
        String done = line.substring(0, wordStart) + word + tail;
        last = new Result(done, wordStart + word.length());
        return last;
    }

    private boolean startCycle(String line, int cursor, Collection<String> names, Collection<String> files) {
        String head = line.substring(0, cursor);
        wordStart = head.lastIndexOf(' ') + 1;
        String prefix = head.substring(wordStart);
        String[] before = head.substring(0, wordStart).strip().split("\\s+");
        boolean firstWord = wordStart == 0;
        String command = before[0];
        List<String> pool;
        if (firstWord && prefix.startsWith("/")) {
            pool = COMMANDS;
            suffix = " ";
        } else if (firstWord) {
            pool = withAll(names);
            suffix = ": ";
        } else if (command.equals("/get") && before.length == 1) {
            pool = List.copyOf(files);
            suffix = " ";
        } else if (command.equals("/get") && before.length == 2) {
            pool = List.of("tcp", "udp");
            suffix = "";
        } else {
            pool = command.equals("/to") ? withAll(names) : List.copyOf(names);
            suffix = command.equals("/to") ? "" : " ";
        }
        matches = matching(pool, prefix);
        index = 0;
        last = null;
        return !matches.isEmpty();
    }

    private static List<String> withAll(Collection<String> names) {
        List<String> all = new ArrayList<>(names);
        all.add("all");
        return all;
    }

    private static List<String> matching(Collection<String> pool, String prefix) {
        String lower = prefix.toLowerCase(Locale.ROOT);
        return pool.stream().filter(c -> c.toLowerCase(Locale.ROOT).startsWith(lower))
                .distinct().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }
}
