package dev.chat.client.cli;

import dev.chat.client.command.Command;
import dev.chat.client.command.CommandParser;
import dev.chat.client.ChatException;
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
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The executor against a fake port and downloader: what each command asks for, reports and returns. */
@Timeout(10)
class CommandExecutorTest {
    private final FakePort port = new FakePort();
    private final MessageLog log = new MessageLog();
    private final Directory directory = new Directory();
    private final Queue<String> printed = new ConcurrentLinkedQueue<>();
    private final Queue<String> errors = new ConcurrentLinkedQueue<>();
    private final Reporter reporter = new TextReporter(printed::add, errors::add, new EventFormatter(ZoneOffset.UTC));
    @TempDir
    Path downloads;
    private Downloader downloader = Downloader.UNAVAILABLE;
    private Duration stallLimit = Duration.ofSeconds(30);

    private CommandExecutor executor() {
        return new CommandExecutor(port, log, directory,
                new CommandExecutor.Downloads(downloader, downloads.resolve("alice"), new Transfers(), stallLimit), reporter);
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
    void getSavesIntoTheDownloadDirectoryAndPrintsTheSavedLine() throws Exception {
        downloader = (file, protocol, directory, progress) -> {
            progress.accept(new Downloader.Progress(5, 10, 100));
            return CompletableFuture.completedFuture(new Downloader.Saved(directory.resolve(file), 10, "ff00"));
        };
        executor().execute(CommandParser.parse("/get a.txt tcp")).get(5, TimeUnit.SECONDS);
        assertTrue(Files.isDirectory(downloads.resolve("alice")));
        assertEquals(List.of("saved " + downloads.resolve("alice").resolve("a.txt") + " 10 ff00"), List.copyOf(printed));
    }

    @Test
    void getFailsWithNotAvailableUntilTheLibraryCanDownload() throws Exception {
        assertEquals(CommandException.NOT_AVAILABLE, failureOf(executor().execute(CommandParser.parse("/get a.txt"))).code());
    }

    @Test
    void aDownloadWithoutProgressFailsAsStalledAndIsCancelled() throws Exception {
        CompletableFuture<Downloader.Saved> never = new CompletableFuture<>();
        downloader = (file, protocol, directory, progress) -> never;
        stallLimit = Duration.ofMillis(100);
        assertEquals(CommandException.DOWNLOAD_STALLED, failureOf(executor().execute(CommandParser.parse("/get a.txt"))).code());
        assertTrue(never.isCancelled());
    }

    @Test
    void anInvalidLineFailsAsAUsageError() throws Exception {
        Failure failure = failureOf(executor().execute(CommandParser.parse("/nope")));
        assertEquals(new Failure("USAGE", "unknown command /nope (try /help)"), failure);
    }
}
