package dev.chat.client;

import dev.chat.daemon.transfer.ImpairmentSettings;
import dev.chat.daemon.transfer.TransferSettings;
import dev.chat.wire.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resume, cancel, disconnects, naming, verification and concurrency of downloads against a real daemon. */
@Timeout(60)
class DownloadBehaviourTest extends DownloadFixture {
    /** A 30 ms delay each way keeps a UDP transfer running long enough to interrupt it. */
    private static final TransferSettings SLOW_UDP = TransferSettings.DEFAULTS
            .withImpairment(new ImpairmentSettings(0, 0, 0, 30, 0, 1));

    private static DownloadException failure(DownloadHandle download) {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> download.result().get(30, TimeUnit.SECONDS));
        return assertInstanceOf(DownloadException.class, e.getCause());
    }

    @Test
    void aCancelledUdpTransferKeepsItsPartAndTheNextDownloadResumesIt() throws Exception {
        start(SLOW_UDP);
        byte[] data = share("big.bin", 1 << 20, 5);
        ChatClient alice = join("alice");
        List<DownloadProgress> progress = new CopyOnWriteArrayList<>();
        List<Long> times = new CopyOnWriteArrayList<>();
        DownloadHandle first = alice.download("big.bin", TransferProtocol.UDP, downloads, p -> {
            progress.add(p);
            times.add(System.nanoTime());
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> first.progress().bytesDone() > 16 << 10);
        first.cancel();
        assertEquals(DownloadException.Reason.CANCELLED, failure(first).reason());
        Path part = downloads.resolve("big.bin.part");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(part) && Files.size(part) > 0);
        long resumedFrom = Files.size(part);
        assertTrue(resumedFrom < data.length);
        assertArrayEquals(Arrays.copyOf(data, (int) resumedFrom), Files.readAllBytes(part), "the part is a prefix");

        fetchAndCheck(alice, "big.bin", TransferProtocol.UDP, data);
        assertFalse(Files.exists(part));
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i) - times.get(i - 1) > 80_000_000L, "at most about 10 progress reports a second");
        }
        DownloadProgress last = progress.get(progress.size() - 1);
        assertEquals(data.length, last.total());
        assertNotNull(last.udp());
    }

    @Test
    void aTcpDownloadResumesFromAPartLeftBehind() throws Exception {
        start();
        byte[] data = share("a.bin", 100_000, 6);
        Files.write(downloads.resolve("a.bin.part"), Arrays.copyOf(data, 40_000));
        fetchAndCheck(join("alice"), "a.bin", TransferProtocol.TCP, data);
    }

    @Test
    void aPartWithWrongBytesFailsVerificationAndLeavesNoFileUnderTheFinalName() throws Exception {
        start();
        byte[] data = share("a.bin", 100_000, 7);
        byte[] wrong = Arrays.copyOf(data, 40_000);
        wrong[123] ^= 1;
        Files.write(downloads.resolve("a.bin.part"), wrong);
        DownloadException e = failure(join("alice").download("a.bin", TransferProtocol.TCP, downloads, null));
        assertEquals(DownloadException.Reason.VERIFICATION_FAILED, e.reason());
        assertFalse(Files.exists(downloads.resolve("a.bin")));
        assertFalse(Files.exists(downloads.resolve("a.bin.part")));
    }

    @Test
    void aDisconnectedSessionStopsItsTransferAndTheClientKeepsThePart() throws Exception {
        start(SLOW_UDP);
        share("big.bin", 4 << 20, 8);
        ChatClient alice = join("alice");
        DownloadHandle download = alice.download("big.bin", TransferProtocol.UDP, downloads, null);
        await().atMost(Duration.ofSeconds(20)).until(() -> download.progress().bytesDone() > 64 << 10);
        long before = System.nanoTime();
        alice.close();
        assertEquals(DownloadException.Reason.CONNECTION_LOST, failure(download).reason());
        assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.activeTransfers() == 0);
        assertTrue(Files.size(downloads.resolve("big.bin.part")) > 0);
    }

    @Test
    void aDownloadAfterTheDaemonStoppedFailsAsConnectionLost() throws Exception {
        start();
        share("a.bin", 1000, 9);
        ChatClient alice = join("alice");
        server.close();
        DownloadException e = failure(alice.download("a.bin", TransferProtocol.TCP, downloads, null));
        assertEquals(DownloadException.Reason.CONNECTION_LOST, e.reason());
    }

    @Test
    void refusalsCarryTheDaemonsCode() throws Exception {
        start();
        ChatClient alice = join("alice");
        DownloadException e = failure(alice.download("missing.bin", TransferProtocol.UDP, downloads, null));
        assertEquals(DownloadException.Reason.REFUSED, e.reason());
        assertEquals(ErrorCode.FILE_NOT_FOUND, e.code());
        DownloadException local = failure(alice.download("../escape", TransferProtocol.TCP, downloads, null));
        assertEquals(DownloadException.Reason.LOCAL_IO, local.reason());
        assertEquals(List.of(), alice.listFiles().get(5, TimeUnit.SECONDS));
    }

    @Test
    void aSecondCopyGetsANumberedNameAndSubfoldersAreKept() throws Exception {
        start();
        byte[] data = share("docs/a.txt", 3000, 10);
        ChatClient alice = join("alice");
        assertEquals(downloads.resolve("docs/a.txt"), fetchAndCheck(alice, "docs/a.txt", TransferProtocol.TCP, data).file());
        assertEquals(downloads.resolve("docs/a (1).txt"), fetchAndCheck(alice, "docs/a.txt", TransferProtocol.UDP, data).file());
        assertEquals(downloads.resolve("docs/a (2).txt"), fetchAndCheck(alice, "docs/a.txt", TransferProtocol.TCP, data).file());
    }

    @Test
    void eightParallelDownloadsAndTheSameFileToOthersWhileMessagesFlow() throws Exception {
        start();
        RecordingListener aliceEvents = new RecordingListener();
        ChatClient alice = join("alice", aliceEvents);
        ChatClient bob = join("bob");
        ChatClient carol = join("carol");
        List<byte[]> data = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            data.add(share("f" + i + ".bin", 1 << 20, 100 + i));
        }
        List<DownloadHandle> running = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            running.add(alice.download("f" + i + ".bin", i % 2 == 0 ? TransferProtocol.TCP : TransferProtocol.UDP,
                    downloads.resolve("alice"), null));
        }
        DownloadHandle bobs = bob.download("f0.bin", TransferProtocol.UDP, downloads.resolve("bob"), null);
        DownloadHandle carols = carol.download("f0.bin", TransferProtocol.TCP, downloads.resolve("carol"), null);
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sent.add(bob.send("alice", "message " + i));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        for (int i = 0; i < 8; i++) {
            DownloadResult result = running.get(i).result().get(40, TimeUnit.SECONDS);
            assertArrayEquals(data.get(i), Files.readAllBytes(result.file()));
        }
        assertArrayEquals(data.get(0), Files.readAllBytes(bobs.result().get(40, TimeUnit.SECONDS).file()));
        assertArrayEquals(data.get(0), Files.readAllBytes(carols.result().get(40, TimeUnit.SECONDS).file()));
        await().atMost(Duration.ofSeconds(10)).until(() -> aliceEvents.events().stream()
                .filter(line -> line.contains("message ")).count() == 100);
    }
}
