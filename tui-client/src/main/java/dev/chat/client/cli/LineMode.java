package dev.chat.client.cli;

import dev.chat.client.command.Command;
import dev.chat.client.command.CommandParser;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Interactive line mode on a JLine {@link LineReader}. Commands run in the background (a download
 * shows in the status bar) and report through {@code printAbove}; Ctrl-C clears the line, Ctrl-D or
 * {@code /quit} leaves. The reading runs on a daemon platform thread while the calling thread waits
 * for it or for the connection to drop, whichever comes first.
 */
final class LineMode {
    private final LineReader reader;
    private final CommandExecutor executor;
    private final Reporter reporter;
    private final CompletableFuture<Throwable> disconnected;

    LineMode(LineReader reader, CommandExecutor executor, Reporter reporter, CompletableFuture<Throwable> disconnected) {
        this.reader = reader;
        this.executor = executor;
        this.reporter = reporter;
        this.disconnected = disconnected;
    }

    int run() {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        disconnected.thenAccept(cause -> exit.complete(cause == null ? ChatMain.EXIT_OK : ChatMain.EXIT_FAILED));
        Thread.ofPlatform().daemon().name("chat-line-reader").start(() -> exit.complete(readLoop()));
        try {
            return exit.join();
        } finally {
            saveHistory();
        }
    }

    private int readLoop() {
        while (true) {
            String line;
            try {
                line = reader.readLine(executor.target() + "> ");
            } catch (UserInterruptException e) {
                continue; // Ctrl-C: the line is dropped, the session goes on
            } catch (EndOfFileException e) {
                return ChatMain.EXIT_OK;
            }
            Command command = CommandParser.parse(line);
            if (command instanceof Command.Quit) {
                return ChatMain.EXIT_OK;
            }
            executor.execute(command).whenComplete((ignored, error) -> {
                if (error != null) {
                    reporter.failure(line, Failure.of(error));
                }
            });
        }
    }

    private void saveHistory() {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            reporter.failure(null, new Failure("HISTORY", "cannot save the history: " + e.getMessage()));
        }
    }
}
