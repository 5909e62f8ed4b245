package dev.chat.client.cli;

import dev.chat.client.TrustDecision;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sets line mode up: the terminal, a {@link LineReader} with completion, history and no event
 * expansion, output through {@code printAbove}, the transfer status bar; then joins and runs
 * {@link LineMode}.
 */
final class LineConsole {
    /** Joins and runs a mode: {@link ChatMain#session}. */
    @FunctionalInterface
    interface Sessions {
        int session(Reporter reporter, Directory directory, TransferLines transfers, TrustDecision trust,
                    PasswordPrompt prompt, ChatMain.Mode mode) throws Exception;
    }

    /** Makes the {@link Passwords} of a session that may ask on the terminal. */
    @FunctionalInterface
    interface PasswordPrompt {
        Passwords passwords(String preset);
    }

    private final Sessions sessions;
    private final Environment env;
    private final boolean json;
    private final EventFormatter format;

    LineConsole(Sessions sessions, Environment env, boolean json, EventFormatter format) {
        this.sessions = sessions;
        this.env = env;
        this.json = json;
        this.format = format;
    }

    int run() throws Exception {
        Terminal terminal;
        try {
            terminal = env.terminals().open();
        } catch (IOException e) {
            env.err().println("chat: cannot open the terminal: " + e.getMessage());
            return ChatMain.EXIT_FAILED;
        }
        try (terminal) {
            Directory directory = new Directory();
            LineReader reader = reader(terminal, directory, env.history());
            Output out = reader::printAbove; // thread-safe, and keeps what the user is typing intact
            Reporter reporter = json ? new JsonReporter(out, Output.NONE, format) : new TextReporter(out, out, format);
            TransferLines transfers = new TransferLines();
            StatusBar.attach(reader, terminal, transfers, out);
            return sessions.session(reporter, directory, transfers, askOnTerminal(reader, out),
                    preset -> askingPasswords(reader, preset), (executor, listener) -> {
                executor.refreshFiles(); // for /get completion
                return new LineMode(reader, executor, reporter, listener.disconnected(), out).run();
            });
        }
    }

    /** Trust on first use, as ssh asks: the fingerprint, then a yes/no prompt; anything but yes refuses. */
    static TrustDecision askOnTerminal(LineReader reader, Output out) {
        return (hostPort, fingerprint) -> {
            out.println("* the TLS certificate of " + hostPort + " is not known yet; its fingerprint is");
            out.println("*   " + fingerprint);
            out.println("* compare it with what the server's operator sees ('chatd --fingerprint')");
            try {
                String answer = reader.readLine("Trust this server and remember it? (yes/no) ");
                return answer.strip().equalsIgnoreCase("yes") || answer.strip().equalsIgnoreCase("y");
            } catch (UserInterruptException | EndOfFileException e) {
                return false;
            }
        };
    }

    /** The preset password, else asked with the input masked; a new one is asked twice and must match. */
    static Passwords askingPasswords(LineReader reader, String preset) {
        return new Passwords() {
            @Override
            public String preset() {
                return preset;
            }

            @Override
            public String ask(String name) {
                return read("Password for " + name + ": ");
            }

            /** Asked even when a preset exists: it is the join's, and a typo here is only a refused change. */
            @Override
            public String current(String name) {
                return preset != null ? preset : read("Current password for " + name + ": ");
            }

            @Override
            public String fresh() throws CommandException {
                return preset != null ? preset : twice("nothing registered");
            }

            @Override
            public String replacement() throws CommandException {
                return twice("the password is unchanged");
            }

            private String twice(String outcome) throws CommandException {
                String first = read("New password (8 characters or more): ");
                if (first == null) {
                    return null;
                }
                if (!first.equals(read("The same password again: "))) {
                    throw new CommandException(Failure.USAGE, "the two passwords differ: " + outcome);
                }
                return first;
            }

            private String read(String prompt) {
                try {
                    String line = reader.readLine(prompt, '*');
                    return line.isEmpty() ? null : line;
                } catch (UserInterruptException | EndOfFileException e) {
                    return null;
                }
            }
        };
    }

    static LineReader reader(Terminal terminal, Directory directory, Path history) {
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("chat")
                .completer(new ChatCompleter(directory))
                // Words split at spaces only: quotes and backslashes in messages are text, never syntax.
                .parser(new DefaultParser().quoteChars(new char[0]).escapeChars(new char[0]))
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is sent as typed
                .option(LineReader.Option.INSERT_TAB, false);
        if (createParent(history)) {
            builder.variable(LineReader.HISTORY_FILE, history);
        }
        return builder.build();
    }

    /** A history we cannot store is no reason not to chat. */
    private static boolean createParent(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
