package dev.chat.client.cli;

import dev.chat.client.command.Command;
import dev.chat.client.command.CommandParser;
import dev.chat.client.ChatException;
import dev.chat.client.DownloadException;
import dev.chat.client.DownloadResult;
import dev.chat.client.FakeDownload;
import dev.chat.client.TransferProtocol;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The executor against a fake session: what each command asks for, reports and returns. */
@Timeout(10)
class CommandExecutorTest {
    private final FakeSession port = new FakeSession();
    private final MessageLog log = new MessageLog();
    private final Directory directory = new Directory();
    private final Queue<String> printed = new ConcurrentLinkedQueue<>();
    private final Queue<String> errors = new ConcurrentLinkedQueue<>();
    private final Reporter reporter = new TextReporter(printed::add, errors::add, new EventFormatter(ZoneOffset.UTC));
    @TempDir
    Path downloads;
    private Duration stallLimit = Duration.ofSeconds(30);
    private final TransferLines transfers = new TransferLines();

    private CommandExecutor executor() {
        return new CommandExecutor(port, log, directory,
                new CommandExecutor.GetRunner(port, downloads.resolve("alice"), transfers, stallLimit), reporter);
    }

    private static Failure failureOf(CompletableFuture<Void> done) throws Exception {
        assertTrue(done.isDone() || waitDone(done), "not done");
        assertTrue(done.isCompletedExceptionally(), "did not fail");
        return Failure.of(done.exceptionNow());
    }

    private static boolean waitDone(CompletableFuture<Void> done) {
        await().atMost(5, TimeUnit.SECONDS).until(done::isDone);
        return true;
    }

    @Test
    void linesWithoutTargetGoToAllUntilSlashToChangesIt() {
        CommandExecutor executor = executor();
        executor.execute(CommandParser.parse("hi"));
        executor.execute(CommandParser.parse("/to bob"));
        executor.execute(CommandParser.parse("psst"));
        executor.execute(CommandParser.parse("carol: hey"));
        assertEquals(List.of("all:hi", "bob:psst", "carol:hey"), List.copyOf(port.sends));
        assertEquals("bob", executor.target());
        assertEquals(List.of("* now talking to bob"), List.copyOf(printed));
    }

    @Test
    void slashMeActsToTheCurrentTargetAndSlashAwaySetsAndClearsTheState() {
        CommandExecutor executor = executor();
        executor.execute(CommandParser.parse("/me waves"));
        executor.execute(CommandParser.parse("/to bob"));
        executor.execute(CommandParser.parse("/me nods"));
        executor.execute(CommandParser.parse("/away lunch"));
        executor.execute(CommandParser.parse("/away"));
        executor.execute(CommandParser.parse("/back"));
        assertEquals(List.of("all:* waves", "bob:* nods"), List.copyOf(port.sends));
        assertEquals(List.of("lunch", "(back)", "(back)"), List.copyOf(port.aways));
        assertEquals(List.of("* now talking to bob", "* you are away: lunch", "* you are back", "* you are back"),
                List.copyOf(printed));
    }

    @Test
    void aFailedSendFailsTheFutureWithTheDaemonsCodeAndPrintsNothingItself() throws Exception {
        port.replies.put("dave", CompletableFuture.failedFuture(new ChatException(ErrorCode.UNKNOWN_TARGET, "no user 'dave' online")));
        Failure failure = failureOf(executor().execute(CommandParser.parse("dave: hi")));
        assertEquals(new Failure("UNKNOWN_TARGET", "no user 'dave' online"), failure);
        assertTrue(printed.isEmpty() && errors.isEmpty());
    }

    @Test
    void usersArePrintedOnePerLineWhenTheReplyComes() {
        CompletableFuture<List<String>> users = new CompletableFuture<>();
        port.users = users;
        CompletableFuture<Void> done = executor().execute(new Command.ListUsers());
        assertFalse(done.isDone());
        users.complete(List.of("alice", "bob"));
        assertTrue(done.isDone());
        assertEquals(List.of("alice", "bob"), List.copyOf(printed));
        assertEquals(List.of("alice", "bob"), directory.users());
    }

    @Test
    void filesArePrintedAsNameSizeAndHash() {
        port.files = CompletableFuture.completedFuture(List.of(new FileEntry("a.txt", 12, "ab12"), new FileEntry("b.bin", 0, null)));
        executor().execute(new Command.ListFiles());
        assertEquals(List.of("a.txt\t12\tab12", "b.bin\t0\t-"), List.copyOf(printed));
        assertEquals(List.of("a.txt", "b.bin"), directory.files());
    }

    @Test
    void expectIsMetByAMessageThatArrivedBeforeIt() {
        log.add(new Message("bob", "alice", "good morning", 0));
        CompletableFuture<Void> done = executor().execute(CommandParser.parse("/expect morning"));
        assertTrue(done.isDone() && !done.isCompletedExceptionally());
    }

    @Test
    void expectWaitsForAMessageThatArrivesLater() {
        CompletableFuture<Void> done = executor().execute(CommandParser.parse("/expect lunch 5"));
        log.add(new Message("bob", "alice", "coffee?", 0));
        assertFalse(done.isDone());
        log.add(new Message("bob", "all", "lunch at noon", 0));
        await().atMost(2, TimeUnit.SECONDS).until(done::isDone);
        assertFalse(done.isCompletedExceptionally());
    }

    @Test
    void expectFailsWhenNothingMatchesInTime() throws Exception {
        Failure failure = failureOf(executor().execute(new Command.Expect("never", Duration.ofMillis(100))));
        assertEquals(CommandException.EXPECT_TIMEOUT, failure.code());
    }

    @Test
    void sleepCompletesAfterItsTime() {
        long start = System.nanoTime();
        CompletableFuture<Void> done = executor().execute(CommandParser.parse("/sleep 100"));
        done.join();
        assertTrue(System.nanoTime() - start >= 90_000_000L);
    }

    @Test
    void getSavesIntoTheDownloadDirectoryShowsProgressAndPrintsTheSavedLine() throws Exception {
        CompletableFuture<Void> done = executor().execute(CommandParser.parse("/get a.txt tcp"));
        FakeSession.Started started = port.downloads.remove();
        assertEquals(downloads.resolve("alice"), started.directory());
        assertTrue(Files.isDirectory(downloads.resolve("alice")), "created before the download starts");
        assertEquals(TransferProtocol.TCP, started.download().protocol());
        started.download().advance(5, 10, 100, null, 0);
        assertEquals(List.of("↓ 1 a.txt tcp 50% 100 B/s"), transfers.lines());
        started.download().result().complete(new DownloadResult(started.directory().resolve("a.txt"), 10, "ff00"));
        done.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("saved " + downloads.resolve("alice").resolve("a.txt") + " 10 ff00"), List.copyOf(printed));
        assertTrue(transfers.isEmpty(), "the status line goes when the download ends");
    }

    @Test
    void aFailedDownloadFailsTheCommandWithItsReason() throws Exception {
        CompletableFuture<Void> done = executor().execute(CommandParser.parse("/get a.txt"));
        FakeSession.Started started = port.downloads.remove();
        assertEquals(TransferProtocol.UDP, started.download().protocol());
        started.download().result().completeExceptionally(new DownloadException(DownloadException.Reason.REFUSED,
                ErrorCode.FILE_NOT_FOUND, "no such shared file", null));
        assertEquals("FILE_NOT_FOUND", failureOf(done).code());
        assertFalse(started.download().cancelled(), "a download that ended by itself is not cancelled");
    }

    @Test
    void aDownloadWithoutProgressFailsAsStalledAndIsCancelled() throws Exception {
        stallLimit = Duration.ofMillis(100);
        CompletableFuture<Void> done = executor().execute(CommandParser.parse("/get a.txt"));
        assertEquals(CommandException.DOWNLOAD_STALLED, failureOf(done).code());
        assertTrue(port.downloads.remove().download().cancelled());
    }

    @Test
    void progressReportsThatDoNotMoveStillCountAsAStall() throws Exception {
        stallLimit = Duration.ofMillis(200);
        CompletableFuture<Void> done = executor().execute(CommandParser.parse("/get a.txt"));
        FakeDownload download = port.downloads.remove().download();
        download.advance(5, 10, 0, null, 0);
        // The library reports every 100 ms whether bytes arrive or not; only growth resets the clock.
        ScheduledFuture<?> ticks = Executors.newSingleThreadScheduledExecutor().scheduleAtFixedRate(
                () -> download.advance(5, 10, 0, null, 0), 20, 20, TimeUnit.MILLISECONDS);
        try {
            assertEquals(CommandException.DOWNLOAD_STALLED, failureOf(done).code());
        } finally {
            ticks.cancel(false);
        }
        assertTrue(download.cancelled());
    }

    @Test
    void slashCancelStopsTheNumberedDownloadAndItsGetFailsAsCancelled() throws Exception {
        CommandExecutor executor = executor();
        CompletableFuture<Void> get = executor.execute(CommandParser.parse("/get a.txt tcp"));
        FakeDownload download = port.downloads.remove().download();
        assertEquals(List.of("↓ 1 a.txt tcp 0 B 0 B/s"), transfers.lines());
        assertEquals(Failure.USAGE, failureOf(executor.execute(CommandParser.parse("/cancel 2"))).code());
        executor.execute(CommandParser.parse("/cancel 1")).get(5, TimeUnit.SECONDS);
        assertTrue(download.cancelled());
        assertEquals("CANCELLED", failureOf(get).code());
        assertTrue(transfers.isEmpty());
    }

    @Test
    void anInvalidLineFailsAsAUsageError() throws Exception {
        Failure failure = failureOf(executor().execute(CommandParser.parse("/nope")));
        assertEquals(new Failure("USAGE", "unknown command /nope (try /help)"), failure);
    }
}
