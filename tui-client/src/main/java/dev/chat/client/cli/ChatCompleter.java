package dev.chat.client.cli;

import dev.chat.client.command.CommandParser;
import dev.chat.wire.Names;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.util.List;

/**
 * Line mode's TAB: user names at the start of a line ({@code bo<TAB>} gives {@code bob: }), commands
 * after {@code /}, shared file names after {@code /get }, names after {@code /to } and {@code /query }. Reads the
 * {@link Directory} only, so it never blocks the reader on the network.
 */
final class ChatCompleter implements Completer {
    /** What line mode carries out: {@code /clear} and {@code /joins} are the full-screen client's. */
    static final List<String> COMMANDS = CommandParser.COMMANDS.stream()
            .filter(command -> !CommandParser.FULL_SCREEN_ONLY.contains(command)).toList();

    private final Directory directory;

    ChatCompleter(Directory directory) {
        this.directory = directory;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() == 0) {
            if (line.word().startsWith("/")) {
                COMMANDS.forEach(command -> candidates.add(complete(command, command)));
            } else {
                candidates.add(complete(Names.ALL + ":", Names.ALL));
                directory.users().forEach(user -> candidates.add(complete(user + ":", user)));
            }
            return;
        }
        if (line.wordIndex() == 1) {
            switch (line.words().getFirst()) {
                case "/get" -> directory.files().forEach(file -> candidates.add(complete(file, file)));
                case "/to" -> {
                    candidates.add(complete(Names.ALL, Names.ALL));
                    directory.users().forEach(user -> candidates.add(complete(user, user)));
                }
                case "/query" -> directory.users().forEach(user -> candidates.add(complete(user, user)));
                default -> {
                    // message text: nothing to complete
                }
            }
        }
    }

    /** A candidate that is whole, so JLine appends a space after it. */
    private static Candidate complete(String value, String display) {
        return new Candidate(value, display, null, null, null, null, true);
    }
}
