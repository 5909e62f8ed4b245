package dev.chat.client.cli;

import dev.chat.client.ChatSession;
import dev.chat.client.DownloadHandle;
import dev.chat.client.DownloadResult;
import dev.chat.client.TransferProtocol;
import dev.chat.client.command.Command;
import dev.chat.wire.Names;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Carries out {@link Command}s on a {@link ChatSession} and reports their results to a {@link Reporter}.
 * Holds the console's one piece of state, the current target. {@link #execute} returns at once with a
 * future that completes when the command is done; script mode waits for it, line mode does not.
 * Failures are not reported here but returned, so that each mode reports them with the line typed.
 * Every future is bounded: requests by the client's timeout, {@code /expect} by its seconds,
 * {@code /sleep} by its milliseconds, {@code /get} by a stall limit on progress.
 */
final class CommandExecutor {
    static final Duration DEFAULT_STALL_LIMIT = Duration.ofSeconds(30);

    /** The connection behind the session: {@code /reconnect} and {@code /nick}. Each returns null, or why not. */
    interface Link {
        /** Script mode: a lost connection ends the script, so there is nothing to rejoin. */
        Link NONE = new Link() {
            @Override
            public String retryNow() {
                return "a script does not reconnect: a lost connection ends it";
            }

            @Override
            public String rename(String name) {
                return "a script does not reconnect: /nick is for a rejoin in line mode";
            }
        };

        String retryNow();

        String rename(String name);
    }

    private final ChatSession chat;
    private final MessageLog log;
    private final Directory directory;
    private final GetRunner downloads;
    private final Reporter reporter;
    private final Link link;
    private final Passwords passwords;
    private final Credential credential;
    private volatile String target = Names.ALL;

    CommandExecutor(ChatSession chat, MessageLog log, Directory directory, GetRunner downloads, Reporter reporter) {
        this(chat, log, directory, downloads, reporter, Link.NONE, Passwords.fixed(null), new Credential(null));
    }

    /**
     * @param link      the connection's life (line mode rejoins; {@link Link#NONE} for script mode)
     * @param passwords  where {@code /register} gets the new password
     * @param credential the password the session joins with: {@code /password}'s current one, and
     *                   what a successful {@code /register} or {@code /password} replaces, so
     *                   rejoins send it
     */
    CommandExecutor(ChatSession chat, MessageLog log, Directory directory, GetRunner downloads, Reporter reporter,
                    Link link, Passwords passwords, Credential credential) {
        this.link = link;
        this.credential = credential;
        this.passwords = passwords;
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
            case Command.Action action -> chat.sendAction(target, action.text()).thenAccept(reporter::sent);
            case Command.Away away -> chat.away(away.reason()).thenRun(() -> reporter.away(away.reason()));
            case Command.SwitchTarget switchTarget -> {
                target = switchTarget.target();
                reporter.target(target);
                yield done();
            }
            case Command.Query query -> { // one conversation here: the peer becomes the target
                target = query.name();
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
            case Command.History history -> chat.history(null, null, history.count()).thenAccept(reporter::history);
            case Command.Register ignored -> register();
            case Command.ChangePassword ignored -> changePassword();
            case Command.Help ignored -> {
                reporter.help();
                yield done();
            }
            case Command.Cancel cancel -> downloads.cancel(cancel.id()) ? done()
                    : CompletableFuture.failedFuture(new CommandException(Failure.USAGE, "no running download "
                    + cancel.id() + " (the status line numbers them: ↓ ID FILE ...)"));
            case Command.Clear ignored -> CompletableFuture.failedFuture(
                    new CommandException(Failure.USAGE, "/clear is for the full-screen client"));
            case Command.ClearTransfers ignored -> CompletableFuture.failedFuture(new CommandException(Failure.USAGE,
                    "/clear transfers is for the full-screen client; here a finished download leaves the status line"));
            case Command.JoinLines ignored -> CompletableFuture.failedFuture(new CommandException(Failure.USAGE,
                    "/joins is for the full-screen client; here every join and leave is printed"));
            case Command.Close ignored -> fullScreenOnly("/close");
            case Command.Search ignored -> fullScreenOnly("/search");
            case Command.Bell ignored -> fullScreenOnly("/bell");
            case Command.Reconnect ignored -> linked(link.retryNow());
            case Command.Nick nick -> linked(link.rename(nick.name()));
            case Command.Invalid invalid -> CompletableFuture.failedFuture(
                    new CommandException(Failure.USAGE, invalid.reason()));
            case Command.Nothing ignored -> done();
            case Command.Quit ignored -> done(); // leaving is the mode's business
        };
    }

    /**
     * Why {@code to} is a doubtful target (this user: each line would show twice; nobody online:
     * each line would fail), or null. Line mode prints it; a script may switch before a peer joins.
     */
    String targetWarning(String to) {
        if (Names.isBroadcast(to)) {
            return null;
        }
        if (Names.key(to).equals(Names.key(chat.name()))) {
            return "that is you: each line will show twice, as sent and as received";
        }
        boolean online = directory.users().stream().anyMatch(u -> Names.key(u).equals(Names.key(to)));
        return online ? null : to + " is not online: lines to them fail until they join";
    }

    /** Fetches the shared files for completion, quietly: a failure only leaves the list as it was. */
    void refreshFiles() {
        chat.listFiles().thenAccept(directory::files);
    }

    private CompletableFuture<Void> register() {
        String password;
        try {
            password = passwords.fresh();
        } catch (CommandException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (password == null) {
            return CompletableFuture.failedFuture(new CommandException(Failure.USAGE,
                    "/register needs a password: --password-file FILE or " + Passwords.VARIABLE));
        }
        return chat.register(password).thenRun(() -> {
            credential.set(password);
            reporter.registered(chat.name());
        });
    }

    /**
     * The current password, the new one (asked twice, or script mode's preset new one). The current
     * one is the session's when it was given up front (the preset, or the one a /password of this
     * session set since), else asked: line mode asks someone who typed it once at the terminal.
     */
    private CompletableFuture<Void> changePassword() {
        String old = passwords.preset() != null && credential.get() != null ? credential.get()
                : passwords.current(chat.name());
        if (old == null) {
            return CompletableFuture.failedFuture(new CommandException(Failure.USAGE,
                    "/password needs the current password: --password-file FILE or " + Passwords.VARIABLE));
        }
        String password;
        try {
            password = passwords.replacement();
        } catch (CommandException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (password == null) {
            return CompletableFuture.failedFuture(new CommandException(Failure.USAGE,
                    "/password needs a new password: --new-password-file FILE or " + Passwords.NEW_VARIABLE));
        }
        return chat.changePassword(old, password).thenRun(() -> {
            credential.set(password);
            reporter.passwordChanged(chat.name());
        });
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

    private static CompletableFuture<Void> linked(String refusal) {
        return refusal == null ? done() : CompletableFuture.failedFuture(new CommandException(Failure.USAGE, refusal));
    }

    private static CompletableFuture<Void> fullScreenOnly(String command) {
        return CompletableFuture.failedFuture(new CommandException(Failure.USAGE, command
                + " is for the full-screen client"));
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Runs {@code /get} on a session: creates the download directory, shows the transfer in
     * {@link TransferLines} and fails it when its byte count has not grown for the stall limit.
     */
    static final class GetRunner {
        private final ChatSession session;
        private final Path directory;
        private final TransferLines transfers;
        private final Duration stallLimit;

        GetRunner(ChatSession session, Path directory, TransferLines transfers, Duration stallLimit) {
            this.session = session;
            this.directory = directory;
            this.transfers = transfers;
            this.stallLimit = stallLimit;
        }

        CompletableFuture<DownloadResult> get(String file, TransferProtocol protocol) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                return CompletableFuture.failedFuture(new CommandException(CommandException.DOWNLOAD_FAILED,
                        "cannot create " + directory + ": " + e.getMessage()));
            }
            Stall stall = new Stall();
            TransferLines.Handle row = transfers.start(file, protocol);
            DownloadHandle download = session.download(file, protocol, directory, progress -> {
                stall.progress(progress.bytesDone());
                row.progress(progress);
            });
            row.onCancel(download::cancel);
            // A copy, so that failing it for a stall or cancelling it (the user quit) leaves the
            // library's own future to the library; both stop the transfer.
            CompletableFuture<DownloadResult> result = download.result().copy();
            result.whenComplete((saved, error) -> {
                row.finished();
                if (result.isCompletedExceptionally() && !download.result().isDone()) {
                    download.cancel();
                }
            });
            watch(result, stall);
            return result;
        }

        /** {@code /cancel ID}: stops a running download; its {@code /get} then fails with CANCELLED. */
        boolean cancel(long id) {
            return transfers.cancel(id);
        }

        private void watch(CompletableFuture<DownloadResult> result, Stall stall) {
            long checkMillis = Math.max(10, Math.min(1_000, stallLimit.toMillis() / 4));
            CompletableFuture.delayedExecutor(checkMillis, TimeUnit.MILLISECONDS).execute(() -> {
                if (result.isDone()) {
                    return;
                }
                if (stall.since() > stallLimit.toNanos()) {
                    result.completeExceptionally(new CommandException(CommandException.DOWNLOAD_STALLED,
                            "no progress for " + stallLimit.toSeconds() + " s"));
                } else {
                    watch(result, stall);
                }
            });
        }
    }

    /** When the byte count last grew: the library reports progress every 100 ms, moving or not. */
    private static final class Stall {
        private long bytes = -1;
        private long grewAt = System.nanoTime();

        synchronized void progress(long bytesDone) {
            if (bytesDone > bytes) {
                bytes = bytesDone;
                grewAt = System.nanoTime();
            }
        }

        synchronized long since() {
            return System.nanoTime() - grewAt;
        }
    }
}
