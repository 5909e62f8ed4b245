package dev.chat.client.cli;

import dev.chat.client.command.Command;
import dev.chat.client.command.CommandParser;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a script: each command to completion before the next; the first failure stops it. Events are
 * reported by the listener meanwhile. Exit codes: {@link ChatMain#EXIT_OK} when every command
 * succeeded, {@link ChatMain#EXIT_FAILED} when one failed or the connection was lost,
 * {@link ChatMain#EXIT_USAGE} for a line that is not a command.
 */
final class ScriptMode {
    private static final Duration POLL = Duration.ofMillis(100);

    private final CommandExecutor executor;
    private final Reporter reporter;
    private final CompletableFuture<Throwable> disconnected;

    ScriptMode(CommandExecutor executor, Reporter reporter, CompletableFuture<Throwable> disconnected) {
        this.executor = executor;
        this.reporter = reporter;
        this.disconnected = disconnected;
    }

    int run(LineFeed feed) throws InterruptedException {
        int number = 0;
        while (true) {
            LineFeed.Item item = feed.poll(POLL);
            if (item == null) {
                if (disconnected.isDone()) {
                    return ChatMain.EXIT_FAILED; // the listener has reported why
                }
                continue;
            }
            if (item.error() != null) {
                reporter.failure(null, Failure.usage("cannot read the script: " + item.error().getMessage()));
                return ChatMain.EXIT_USAGE;
            }
            if (item.end()) {
                return lost() ? ChatMain.EXIT_FAILED : ChatMain.EXIT_OK;
            }
            number++;
            int exit = runLine(number, item.line());
            if (exit >= 0) {
                return exit;
            }
        }
    }

    /** -1 to go on, else the exit code. */
    private int runLine(int number, String line) throws InterruptedException {
        Command command = CommandParser.parse(line);
        switch (command) {
            case Command.Invalid invalid -> {
                reporter.failure(line, Failure.usage("line " + number + ": " + invalid.reason()));
                return ChatMain.EXIT_USAGE;
            }
            case Command.Quit ignored -> {
                return ChatMain.EXIT_OK;
            }
            default -> {
                return await(number, line, executor.execute(command));
            }
        }
    }

    /** Every failure names its script line: "line 56: ...". */
    private int await(int number, String line, CompletableFuture<Void> done) throws InterruptedException {
        try {
            CompletableFuture.anyOf(done, disconnected).get();
        } catch (java.util.concurrent.ExecutionException e) {
            // reported below from done itself
        }
        if (!done.isDone()) {
            done.cancel(true);
            // The listener has reported why; this says where the script was.
            reporter.failure(line, new Failure("DISCONNECTED", "line " + number + ": not finished, the connection was lost"));
            return ChatMain.EXIT_FAILED;
        }
        if (done.isCompletedExceptionally()) {
            Failure failure = Failure.of(done.exceptionNow());
            reporter.failure(line, new Failure(failure.code(), "line " + number + ": " + failure.message()));
            return ChatMain.EXIT_FAILED;
        }
        return -1;
    }

    private boolean lost() {
        return disconnected.isDone() && disconnected.join() != null;
    }
}
