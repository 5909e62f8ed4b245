package dev.chat.client.cli;

import java.io.PrintStream;

/**
 * Where the console modes print lines. Called from the reader thread (events) and from the
 * threads that complete commands at once, so implementations must be thread-safe; line mode
 * prints through JLine's {@code printAbove}, a TUI will print through its UI thread.
 */
@FunctionalInterface
interface Output {
    /** Prints nothing. */
    Output NONE = line -> {
    };

    void println(String line);

    /** Prints whole lines to {@code stream}, one at a time. */
    static Output of(PrintStream stream) {
        return line -> {
            synchronized (stream) {
                stream.println(line);
                stream.flush();
            }
        };
    }
}
