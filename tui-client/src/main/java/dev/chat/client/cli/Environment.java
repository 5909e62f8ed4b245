package dev.chat.client.cli;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link ChatMain} takes from its process, so tests can hand it byte streams and a JLine
 * {@code DumbTerminal}.
 *
 * @param in          standard input (scripts from {@code -}, piped input)
 * @param out         standard output
 * @param err         standard error
 * @param interactive whether standard input is a terminal: if not, line mode runs as {@code --script -}
 * @param terminals   opens the terminal line mode reads from
 * @param history     line mode's history file
 * @param knownHosts  the servers trusted on first use (TLS)
 * @param config      the settings file ({@link Settings}); it need not exist
 */
record Environment(InputStream in, PrintStream out, PrintStream err, boolean interactive, Terminals terminals,
                   Path history, Path knownHosts, Path config) {
    Environment {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(terminals, "terminals");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(config, "config");
    }

    /** Opens a terminal. */
    @FunctionalInterface
    interface Terminals {
        Terminal open() throws IOException;
    }

    /** The real process: System streams, the system terminal, history under XDG_STATE_HOME. */
    static Environment system() {
        return new Environment(System.in, System.out, System.err, stdinIsTerminal(),
                () -> TerminalBuilder.builder().system(true).name("chat").build(),
                StatePaths.history(System.getenv(), System.getProperty("user.home")),
                dev.chat.client.KnownHosts.defaultFile(System.getenv(), System.getProperty("user.home")),
                StatePaths.config(System.getenv(), System.getProperty("user.home")));
    }

    /** Streams only: not interactive, so line mode reads {@code in} as a script; known hosts and settings beside the history. */
    static Environment of(InputStream in, PrintStream out, PrintStream err, Path history) {
        return new Environment(in, out, err, false, () -> {
            throw new IOException("no terminal");
        }, history, history.resolveSibling("known_hosts"), history.resolveSibling("config"));
    }

    Environment withTerminal(Terminals newTerminals) {
        return new Environment(in, out, err, true, newTerminals, history, knownHosts, config);
    }

    /**
     * Console.isTerminal() exists from JDK 22 (we compile for 21): before that, System.console() is
     * null exactly when a standard stream is redirected, which is the answer we need.
     */
    private static boolean stdinIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
