package dev.chat.daemon;

import dev.chat.wire.frame.Transport;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.JsonCodec;
import dev.chat.wire.frame.DataHeader;
import dev.chat.wire.frame.Download;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.FileList;
import dev.chat.wire.frame.ListFiles;
import dev.chat.wire.frame.Ping;
import dev.chat.wire.frame.Pong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 rows 11 to 14 as attacks on a real daemon over loopback: files swapped after
 * {@code download_ready}, FIFOs, links to hidden files, folders deeper than the listing, terminal
 * escapes meant for the log, and a huge field name meant to make the error reply huge; the
 * {@link AttackHarness}'s witnesses talk throughout.
 */
@Timeout(60)
final class FileAndEchoAttacksTest {
    private static final byte[] HELLO = "hello\n".getBytes(StandardCharsets.UTF_8);
    private static final Duration QUICK = AttackHarness.scaled(Duration.ofSeconds(3));

    @TempDir
    Path files;

    private AttackHarness start() throws IOException {
        return AttackHarness.start(files, UnaryOperator.identity());
    }

    private static DownloadReady grant(TestClient client, String name) throws IOException {
        client.send(new Download(client.nextId(), name, Transport.TCP, 0));
        return client.expect(DownloadReady.class);
    }

    private static ErrorCode refusal(TestClient client, String name) throws IOException {
        client.send(new Download(client.nextId(), name, Transport.TCP, 0));
        return client.expect(ErrorFrame.class).code();
    }

    /** Fetches a TCP grant: the data header, then every byte after it. */
    private static byte[] fetch(DownloadReady ready) throws IOException {
        DataFetch fetched = DataFetch.of(InetAddress.getLoopbackAddress(), ready);
        assertInstanceOf(DataHeader.class, fetched.first(), fetched.first()::toString);
        return fetched.rest();
    }

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo " + path);
    }

    private static void assertResponsive(TestClient client) throws IOException {
        long id = client.nextId();
        assertTimeoutPreemptively(QUICK, () -> {
            client.send(new Ping(id));
            assertEquals(new Pong(id), client.expect(Pong.class));
        });
    }

    @Test
    void aFileSwappedForALinkOutsideAfterDownloadReadyIsServedAsItWasGranted() throws Exception {
        Path outside = Files.createTempDirectory("outside");
        Files.writeString(outside.resolve("secret"), "SECRET");
        Files.write(files.resolve("a.txt"), HELLO);
        try (AttackHarness harness = start()) {
            TestClient alice = harness.join("alice");
            DownloadReady ready = grant(alice, "a.txt");
            Files.delete(files.resolve("a.txt"));
            Files.createSymbolicLink(files.resolve("a.txt"), outside.resolve("secret"));
            assertArrayEquals(HELLO, fetch(ready));
            assertEquals(ErrorCode.FILE_NOT_FOUND, refusal(alice, "a.txt")); // the link out is not shared
            harness.assertSurvived();
        }
    }

    @Test
    void filesSwappedForFifosAfterDownloadReadyDoNotFreezeTheDaemon() throws Exception {
        Files.write(files.resolve("a.txt"), HELLO);
        Files.write(files.resolve("b.txt"), HELLO);
        try (AttackHarness harness = start()) {
            TestClient alice = harness.join("alice");
            DownloadReady a = grant(alice, "a.txt");
            DownloadReady b = grant(alice, "b.txt");
            for (String name : List.of("a.txt", "b.txt")) {
                Files.delete(files.resolve(name));
                mkfifo(files.resolve(name));
            }
            assertTimeoutPreemptively(QUICK, () -> {
                assertArrayEquals(HELLO, fetch(a)); // two fetches froze a 2-core daemon when each opened a FIFO
                assertArrayEquals(HELLO, fetch(b));
            });
            assertResponsive(alice);
            harness.assertSurvived();
        }
    }

    @Test
    void fifosRequestedAgainAndAgainAreRefusedAtOnceWhileAnotherDownloadRuns() throws Exception {
        byte[] big = new byte[8 << 20];
        new java.util.Random(1).nextBytes(big);
        Files.write(files.resolve("big.bin"), big);
        for (int i = 0; i < 4; i++) {
            mkfifo(files.resolve("pipe" + i));
        }
        try (AttackHarness harness = start()) {
            TestClient alice = harness.join("alice");
            TestClient mallory = harness.join("mallory");
            DownloadReady ready = grant(alice, "big.bin");
            CompletableFuture<byte[]> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return fetch(ready);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertTimeoutPreemptively(QUICK, () -> {
                for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < 4; i++) {
                        assertEquals(ErrorCode.FILE_NOT_FOUND, refusal(mallory, "pipe" + i));
                    }
                }
            });
            assertArrayEquals(big, running.get(20, TimeUnit.SECONDS));
            assertResponsive(alice);
            await().atMost(Duration.ofSeconds(5)).until(() -> harness.server().activeTransfers() == 0);
            harness.assertSurvived();
        }
    }

    @Test
    void aLinkToAHiddenFileAndAFileFortyFoldersDownAreNeitherListedNorServed() throws Exception {
        Files.write(files.resolve(".secret"), HELLO);
        Files.createSymbolicLink(files.resolve("visible"), files.resolve(".secret"));
        Path deep = files;
        StringBuilder deepName = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            deep = deep.resolve("d");
            deepName.append("d/");
        }
        Files.createDirectories(deep);
        Files.write(deep.resolve("deep.txt"), HELLO);
        Files.write(files.resolve("ok.txt"), HELLO);
        try (AttackHarness harness = start()) {
            TestClient alice = harness.join("alice");
            alice.send(new ListFiles(alice.nextId()));
            List<String> listed = alice.expect(FileList.class).files().stream().map(FileEntry::name).toList();
            assertEquals(List.of("ok.txt"), listed);
            assertEquals(ErrorCode.FILE_NOT_FOUND, refusal(alice, "visible"));
            assertEquals(ErrorCode.FILE_NOT_FOUND, refusal(alice, deepName + "deep.txt"));
            assertArrayEquals(HELLO, fetch(grant(alice, "ok.txt")));
            harness.assertSurvived();
        }
    }

    @Test
    void aDuplicatedThirtyThousandCharacterFieldNameGetsASmallErrorReply() throws Exception {
        try (AttackHarness harness = start()) {
            TestClient alice = harness.join("alice");
            String name = "f".repeat(30_000);
            alice.sendRaw("{\"type\":\"ping\",\"id\":5,\"" + name + "\":1,\"" + name + "\":2}\n");
            ErrorFrame error = alice.expect(ErrorFrame.class);
            assertEquals(ErrorCode.BAD_FRAME, error.code());
            int bytes = JsonCodec.instance().encodeFrame(error).length;
            assertTrue(bytes < 4096, bytes + " bytes: " + error.message());
            assertResponsive(alice);
            harness.assertSurvived();
        }
    }

    @Test
    void terminalEscapesAndLineSeparatorsInABadTypeReachTheLogEscaped() throws Exception {
        Logger daemonLog = Logger.getLogger("dev.chat");
        Level quiet = daemonLog.getLevel();
        List<String> lines = new CopyOnWriteArrayList<>();
        SimpleFormatter format = new SimpleFormatter();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(format.formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        daemonLog.addHandler(capture);
        daemonLog.setLevel(Level.ALL);
        try (AttackHarness harness = start()) {
            TestClient mallory = harness.join("mallory");
            for (int i = 0; i < SessionState.MAX_BAD_FRAMES; i++) {
                mallory.sendRaw("{\"type\":\"\\u001b[2J\\u001b]0;owned\\u0007x\\u2028y\\u0085z\",\"id\":" + i + "}\n");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream().anyMatch(l -> l.contains("dropped")));
            harness.assertSurvived();
        } finally {
            daemonLog.removeHandler(capture);
            daemonLog.setLevel(quiet);
        }
        String dropped = lines.stream().filter(l -> l.contains("dropped")).findFirst().orElseThrow();
        assertTrue(dropped.contains("\\u001B[2J\\u001B]0;owned\\u0007x\\u2028y\\u0085z"), dropped);
        for (String line : lines) {
            assertFalse(line.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029'),
                    () -> "raw control in the log: " + line.replaceAll("\\p{Cntrl}", "?"));
        }
    }
}
