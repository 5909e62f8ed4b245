package dev.chat.client.cli;

import java.io.PrintStream;

/**
 * Where the console modes print lines. Called from the reader thread (events) and from the input
 * thread (command results) at once, so implementations must be thread-safe; a JLine mode will
 * print through {@code printAbove}, a TUI through its UI thread.
 */
@FunctionalInterface
interface Output {
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
