package dev.chat.client.cli;

import dev.chat.client.command.Command;
import dev.chat.client.command.CommandParser;
import dev.chat.client.command.LongText;
import dev.chat.wire.ErrorCode;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Interactive line mode on a JLine {@link LineReader}. Commands run in the background (a download
 * shows in the status bar) and report through {@code printAbove}; Ctrl-C clears the line, Ctrl-D or
 * {@code /quit} leaves. A lost connection does not end it: the {@link Rejoiner} rejoins behind the
 * executor's session while the prompt, and what is typed on it, stays. The reading runs on a daemon
 * platform thread while the calling thread waits for it or for the session to end, whichever first.
 */
final class LineMode {
    private final LineReader reader;
    private final CommandExecutor executor;
    private final Reporter reporter;
    private final CompletableFuture<Throwable> disconnected;
    /** Hints for the person typing (never JSON): above the prompt. */
    private final Output hints;
    /** A line to start the next prompt with: one that failed before the prompt came back. */
    private volatile String nextBuffer;
    /** A {@code NAME: text} line that named nobody online: an empty Enter sends it whole as text. */
    private volatile String plainOffer;
    /** The parts of a line over the daemon's limit, waiting for an empty Enter; read-loop thread only. */
    private java.util.List<Command> splitOffer;
    /** Lines of a multi-line (bracketed) paste waiting for an empty Enter; read-loop thread only. */
    private java.util.List<String> pasted;

    LineMode(LineReader reader, CommandExecutor executor, Reporter reporter, CompletableFuture<Throwable> disconnected,
             Output hints) {
        this.reader = reader;
        this.executor = executor;
        this.reporter = reporter;
        this.disconnected = disconnected;
        this.hints = hints;
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
            String buffer = nextBuffer;
            nextBuffer = null;
            try {
                line = reader.readLine(executor.target() + "> ", null, buffer);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C: the line is dropped, the session goes on
            } catch (EndOfFileException e) {
                return ChatMain.EXIT_OK;
            }
            if (pasted != null || line.indexOf('\n') >= 0) {
                paste(line);
                continue;
            }
            java.util.List<Command> parts = splitOffer;
            splitOffer = null;
            if (parts != null && line.isEmpty()) {
                parts.forEach(part -> run(part, text(part)));
                continue;
            }
            String offer = plainOffer;
            plainOffer = null;
            Command command = offer != null && line.isEmpty() ? new Command.SendToCurrent(offer) : CommandParser.parse(line);
            if (command instanceof Command.Quit) {
                return ChatMain.EXIT_OK;
            }
            if (offerSplit(command)) {
                continue;
            }
            run(command, offer != null && line.isEmpty() ? offer : line);
            String named = command instanceof Command.SwitchTarget to ? to.target()
                    : command instanceof Command.Query query ? query.name() : null;
            if (named != null && executor.targetWarning(named) != null) {
                hints.println("! " + executor.targetWarning(named));
            }
        }
    }

    /**
     * A message over the daemon's limit is not sent (the daemon would refuse it): it is offered as
     * several messages, sent on an empty Enter; the line stays in the history for Up.
     */
    private boolean offerSplit(Command command) {
        String text = text(command);
        if (text == null || !LongText.tooLong(text)) {
            return false;
        }
        java.util.List<String> parts = LongText.split(text);
        splitOffer = parts.stream().<Command>map(part -> command instanceof Command.SendTo to
                ? new Command.SendTo(to.target(), part) : new Command.SendToCurrent(part)).toList();
        hints.println("* that is " + LongText.bytes(text) + " bytes, over the daemon's " + LongText.MAX_BYTES
                + ": an empty Enter sends it as " + parts.size() + " messages, anything else drops it (Up brings it back)");
        return true;
    }

    private static String text(Command command) {
        return switch (command) {
            case Command.SendTo send -> send.text();
            case Command.SendToCurrent send -> send.text();
            default -> null;
        };
    }

    /**
     * JLine's bracketed paste puts a pasted block into one buffer, newlines included: such a line is
     * asked about first, and then sent line by line as text, never run as commands.
     */
    private void paste(String line) {
        if (pasted == null) {
            pasted = line.lines().filter(l -> !l.isBlank()).toList();
            hints.println("* " + pasted.size() + " pasted lines: an empty Enter sends them to " + executor.target()
                    + " as text, anything else drops them");
            return;
        }
        java.util.List<String> lines = pasted;
        pasted = null;
        if (line.isEmpty()) {
            lines.forEach(text -> run(new Command.SendToCurrent(text), text));
        } else {
            hints.println("* " + lines.size() + " pasted lines dropped");
        }
    }

    /** Runs {@code command} in the background; a line that failed to send is given back (nothing typed is lost). */
    private void run(Command command, String line) {
        Thread reading = Thread.currentThread();
        executor.execute(command).whenComplete((ignored, error) -> {
            if (error == null) {
                return;
            }
            Failure failure = Failure.of(error);
            reporter.failure(line, failure);
            if (!(command instanceof Command.SendTo || command instanceof Command.SendToCurrent)) {
                return;
            }
            if (command instanceof Command.SendTo && failure.code().equals(ErrorCode.UNKNOWN_TARGET.name())) {
                plainOffer = line;
                hints.println("* an empty Enter sends '" + EventFormatter.clean(line) + "' to " + executor.target()
                        + " as plain text");
            } else if (Thread.currentThread() == reading) {
                nextBuffer = line; // refused before sending: it is back on the prompt
            } else {
                hints.println("* not sent; Up brings the line back");
            }
        });
    }

    private void saveHistory() {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            reporter.failure(null, new Failure("HISTORY", "cannot save the history: " + e.getMessage()));
        }
    }
}
