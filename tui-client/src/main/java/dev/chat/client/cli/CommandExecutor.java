package dev.chat.client.cli;

import dev.chat.client.command.Command;
import dev.chat.client.TransferProtocol;
import dev.chat.wire.Names;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Carries out {@link Command}s on a {@link ChatPort} and reports their results to a {@link Reporter}.
 * Holds the console's one piece of state, the current target. {@link #execute} returns at once with a
 * future that completes when the command is done; script mode waits for it, line mode does not.
 * Failures are not reported here but returned, so that each mode reports them with the line typed.
 * Every future is bounded: requests by the client's timeout, {@code /expect} by its seconds,
 * {@code /sleep} by its milliseconds, {@code /get} by a stall limit on progress.
 */
final class CommandExecutor {
    static final Duration DEFAULT_STALL_LIMIT = Duration.ofSeconds(30);

    private final ChatPort chat;
    private final MessageLog log;
    private final Directory directory;
    private final Downloads downloads;
    private final Reporter reporter;
    private volatile String target = Names.ALL;

    CommandExecutor(ChatPort chat, MessageLog log, Directory directory, Downloads downloads, Reporter reporter) {
        this.chat = chat;
        this.log = log;
        this.directory = directory;
        this.downloads = downloads;
        this.reporter = reporter;
    }

    String target() {
        return target;
    }

    CompletableFuture<Void> execute(Command command) {
        return switch (command) {
            case Command.SendTo send -> send(send.target(), send.text());
            case Command.SendToCurrent send -> send(target, send.text());
            case Command.SwitchTarget switchTarget -> {
                target = switchTarget.target();
                reporter.target(target);
                yield done();
            }
            case Command.ListUsers ignored -> chat.listUsers().thenAccept(users -> {
                directory.usersOnline(users);
                reporter.users(users);
            });
            case Command.ListFiles ignored -> chat.listFiles().thenAccept(files -> {
                directory.files(files);
                reporter.files(files);
            });
            case Command.Get get -> downloads.get(get.file(), get.protocol())
                    .thenAccept(saved -> reporter.saved(get.file(), get.protocol(), saved));
            case Command.Expect expect -> expect(expect);
            case Command.Sleep sleep -> CompletableFuture.runAsync(() -> reporter.slept(sleep.duration()),
                    CompletableFuture.delayedExecutor(sleep.duration().toMillis(), TimeUnit.MILLISECONDS));
            case Command.Help ignored -> {
                reporter.help();
                yield done();
            }
            case Command.Cancel ignored -> CompletableFuture.failedFuture(new CommandException(Failure.USAGE,
                    "/cancel is for the full-screen client; here a /get ends when its download does"));
            case Command.Clear ignored -> CompletableFuture.failedFuture(
                    new CommandException(Failure.USAGE, "/clear is for the full-screen client"));
            case Command.Invalid invalid -> CompletableFuture.failedFuture(
                    new CommandException(Failure.USAGE, invalid.reason()));
            case Command.Nothing ignored -> done();
            case Command.Quit ignored -> done(); // leaving is the mode's business
        };
    }

    /** Fetches the shared files for completion, quietly: a failure only leaves the list as it was. */
    void refreshFiles() {
        chat.listFiles().thenAccept(directory::files);
    }

    private CompletableFuture<Void> send(String to, String text) {
        return chat.send(to, text).thenAccept(reporter::sent);
    }

    private CompletableFuture<Void> expect(Command.Expect expect) {
        return log.awaitContaining(expect.text())
                .orTimeout(expect.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((message, error) -> {
                    if (error instanceof TimeoutException) {
                        throw new CompletionException(new CommandException(
                                CommandException.EXPECT_TIMEOUT, "no message containing '" + expect.text()
                                + "' within " + expect.timeout().toSeconds() + " s"));
                    }
                    if (error != null) {
                        throw error instanceof CompletionException c ? c
                                : new CompletionException(error);
                    }
                    reporter.expected(expect.text(), message);
                    return null;
                });
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Runs {@code /get}: creates the download directory, shows the transfer in {@link Transfers}
     * and fails it when no progress arrives for the stall limit.
     */
    static final class Downloads {
        private final Downloader downloader;
        private final Path directory;
        private final Transfers transfers;
        private final Duration stallLimit;

        Downloads(Downloader downloader, Path directory, Transfers transfers, Duration stallLimit) {
            this.downloader = downloader;
            this.directory = directory;
            this.transfers = transfers;
            this.stallLimit = stallLimit;
        }

        CompletableFuture<Downloader.Saved> get(String file, TransferProtocol protocol) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                return CompletableFuture.failedFuture(new CommandException(CommandException.DOWNLOAD_FAILED,
                        "cannot create " + directory + ": " + e.getMessage()));
            }
            AtomicLong lastProgress = new AtomicLong(System.nanoTime());
            Transfers.Handle row = transfers.start(file, protocol);
            CompletableFuture<Downloader.Saved> download = start(file, protocol, progress -> {
                lastProgress.set(System.nanoTime());
                row.progress(progress);
            });
            CompletableFuture<Downloader.Saved> result = download.copy();
            result.whenComplete((saved, error) -> {
                row.finished();
                if (result.isCancelled()) {
                    download.cancel(true); // the user quit: stop the transfer too
                }
            });
            watch(download, result, lastProgress);
            return result;
        }

        private CompletableFuture<Downloader.Saved> start(String file, TransferProtocol protocol,
                                                          Consumer<Downloader.Progress> progress) {
            try {
                return downloader.download(file, protocol, directory, progress);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        private void watch(CompletableFuture<Downloader.Saved> download, CompletableFuture<Downloader.Saved> result,
                           AtomicLong lastProgress) {
            long checkMillis = Math.max(10, Math.min(1_000, stallLimit.toMillis() / 4));
            CompletableFuture.delayedExecutor(checkMillis, TimeUnit.MILLISECONDS).execute(() -> {
                if (result.isDone()) {
                    return;
                }
                if (System.nanoTime() - lastProgress.get() > stallLimit.toNanos()) {
                    result.completeExceptionally(new CommandException(CommandException.DOWNLOAD_STALLED,
                            "no progress for " + stallLimit.toSeconds() + " s"));
                    download.cancel(true);
                } else {
                    watch(download, result, lastProgress);
                }
            });
        }
    }
}
