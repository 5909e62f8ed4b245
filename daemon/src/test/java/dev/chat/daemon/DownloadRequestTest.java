package dev.chat.daemon;

import com.sun.management.OperatingSystemMXBean;
import dev.chat.daemon.transfer.TransferSettings;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.JsonCodec;
import dev.chat.wire.frame.DataHeader;
import dev.chat.wire.frame.Download;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Fetch;
import dev.chat.wire.frame.Ping;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.Quit;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The download request and the TCP fetch line, spoken raw to a real daemon: refusals, limits, tokens. */
@Timeout(20)
final class DownloadRequestTest extends LoopbackFixture {
    private static final byte[] HELLO = "hello\n".getBytes(StandardCharsets.UTF_8);

    private DownloadReady grant(TestClient client, String name, Transport protocol) throws IOException {
        long id = client.nextId();
        client.send(new Download(id, name, protocol, 0));
        DownloadReady ready = client.expect(DownloadReady.class);
        assertEquals(id, ready.re());
        return ready;
    }

    private ErrorFrame refused(TestClient client, String name, long offset) throws IOException {
        long id = client.nextId();
        client.send(new Download(id, name, Transport.TCP, offset));
        ErrorFrame error = client.expect(ErrorFrame.class);
        assertEquals(id, error.re());
        return error;
    }

    /** Opens a data connection, presents {@code transfer} and {@code token}; returns the first line's frame and the rest. */
    private record Fetched(ServerFrame first, byte[] rest) {
    }

    private Fetched fetch(long transfer, String token) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(JsonCodec.instance().encodeFrame(new Fetch(transfer, token)));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n' && b >= 0; b = in.read()) {
                line.write(b);
            }
            ServerFrame first = JsonCodec.instance().decodeServer(ByteBuffer.wrap(line.toByteArray()));
            return new Fetched(first, in.readAllBytes());
        }
    }

    @Test
    void malformedNamesAreBadFileNamesLinksOutAreNotFoundAndTheSessionGoesOn() throws IOException {
        Path outside = Files.createTempDirectory("outside");
        Files.write(outside.resolve("secret"), HELLO);
        Files.createSymbolicLink(files.resolve("escape"), outside.resolve("secret"));
        Files.createSymbolicLink(files.resolve("dir-escape"), outside);
        start();
        TestClient alice = join("alice");
        for (String name : new String[] {"../secret", "a/../../secret", "/etc/passwd",
                "a\u0000b", "a\\b", "", "a//b", "./a"}) {
            assertEquals(ErrorCode.BAD_FILE_NAME, refused(alice, name, 0).code(), name);
        }
        for (String name : new String[] {"escape", "dir-escape/secret"}) { // not listed, so not found
            assertEquals(ErrorCode.FILE_NOT_FOUND, refused(alice, name, 0).code(), name);
        }
        alice.send(new Ping(99));
        assertEquals(new Pong(99), alice.expect(Pong.class));
    }

    @Test
    void missingAndHiddenFilesAreNotFound() throws IOException {
        Files.write(files.resolve(".hidden"), HELLO);
        Files.createDirectories(files.resolve("dir"));
        start();
        TestClient alice = join("alice");
        assertEquals(ErrorCode.FILE_NOT_FOUND, refused(alice, "missing.txt", 0).code());
        assertEquals(ErrorCode.FILE_NOT_FOUND, refused(alice, ".hidden", 0).code());
        assertEquals(ErrorCode.FILE_NOT_FOUND, refused(alice, "dir", 0).code());
    }

    @Test
    void anOffsetBeyondTheEndIsBadOffset() throws IOException {
        Files.write(files.resolve("a.txt"), HELLO);
        start();
        assertEquals(ErrorCode.BAD_OFFSET, refused(join("alice"), "a.txt", 7).code());
    }

    @Test
    void moreThanTheLimitOfTransfersIsRefusedUntilOneEnds() throws IOException {
        Files.write(files.resolve("a.txt"), HELLO);
        start(config().transfers(TransferSettings.DEFAULTS.withMaxPerSession(2)));
        TestClient alice = join("alice");
        DownloadReady first = grant(alice, "a.txt", Transport.TCP);
        grant(alice, "a.txt", Transport.UDP);
        assertEquals(ErrorCode.TOO_MANY_TRANSFERS, refused(alice, "a.txt", 0).code());
        assertInstanceOf(DataHeader.class, fetch(first.transfer(), first.token()).first());
        await().atMost(Duration.ofSeconds(5)).until(() -> server.activeTransfers() == 0);
        grant(alice, "a.txt", Transport.TCP);
    }

    @Test
    void aTokenFetchesItsFileOnceAndThenIsRefused() throws IOException {
        Files.write(files.resolve("a.txt"), HELLO);
        start();
        DownloadReady ready = grant(join("alice"), "a.txt", Transport.TCP);
        assertEquals(server.port(), ready.port());
        assertEquals(FileCatalog.sha256(files.resolve("a.txt")), ready.sha256());
        Fetched first = fetch(ready.transfer(), ready.token());
        assertEquals(new DataHeader(ready.transfer(), 0, HELLO.length), first.first());
        assertArrayEquals(HELLO, first.rest());
        Fetched second = fetch(ready.transfer(), ready.token());
        assertEquals(ErrorCode.BAD_TOKEN, ((ErrorFrame) second.first()).code());
        assertEquals(0, second.rest().length);
    }

    @Test
    void aTokenOfAnotherSessionOrProtocolIsRefusedAndTheRightOneStillWorks() throws IOException {
        Files.write(files.resolve("a.txt"), HELLO);
        start();
        DownloadReady alices = grant(join("alice"), "a.txt", Transport.TCP);
        DownloadReady bobs = grant(join("bob"), "a.txt", Transport.TCP);
        DownloadReady bobsUdp = grant(join("carol"), "a.txt", Transport.UDP);
        assertEquals(ErrorCode.BAD_TOKEN, ((ErrorFrame) fetch(alices.transfer(), bobs.token()).first()).code());
        assertEquals(ErrorCode.BAD_TOKEN, ((ErrorFrame) fetch(bobsUdp.transfer(), bobsUdp.token()).first()).code());
        assertArrayEquals(HELLO, fetch(alices.transfer(), alices.token()).rest());
    }

    @Test
    void anUnusedTokenExpires() throws IOException {
        Files.write(files.resolve("a.txt"), HELLO);
        start(config().transfers(TransferSettings.DEFAULTS.withTokenTtl(Duration.ofMillis(300))));
        DownloadReady ready = grant(join("alice"), "a.txt", Transport.TCP);
        await().pollDelay(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertEquals(ErrorCode.BAD_TOKEN, ((ErrorFrame) fetch(ready.transfer(), ready.token()).first()).code());
    }

    @Test
    void grantsEndWithTheirSession() throws IOException {
        Files.write(files.resolve("a.txt"), HELLO);
        start();
        TestClient alice = join("alice");
        DownloadReady ready = grant(alice, "a.txt", Transport.TCP);
        alice.send(new Quit(alice.nextId()));
        await().atMost(Duration.ofSeconds(5)).until(alice::closedByDaemon);
        assertEquals(ErrorCode.BAD_TOKEN, ((ErrorFrame) fetch(ready.transfer(), ready.token()).first()).code());
    }

    @Test
    void fetchIsOnlyValidAsTheFirstLineOfAConnection() throws IOException {
        start();
        TestClient alice = join("alice");
        alice.send(new Fetch(5, "00112233445566778899aabbccddeeff"));
        assertEquals(ErrorCode.BAD_FRAME, alice.expect(ErrorFrame.class).code());
    }

    @Test
    void downloadBeforeJoiningIsNotJoined() throws IOException {
        start();
        TestClient client = connect();
        client.send(new Download(3, "a.txt", Transport.TCP, 0));
        assertEquals(ErrorCode.NOT_JOINED, client.expect(ErrorFrame.class).code());
    }

    @Test
    void aDownloaderThatStopsReadingCostsNoCpuAndIsDroppedAtTheIdleTimeout() throws Exception {
        Files.write(files.resolve("big.bin"), new byte[32 << 20]);
        start(config().transfers(TransferSettings.DEFAULTS.withIdleTimeout(Duration.ofSeconds(3))));
        TestClient alice = join("alice");
        DownloadReady ready = grant(alice, "big.bin", Transport.TCP);
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(16 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            socket.getOutputStream().write(JsonCodec.instance().encodeFrame(new Fetch(ready.transfer(), ready.token())));
            InputStream in = socket.getInputStream();
            in.readNBytes(64 * 1024); // the header and a little data, then nothing more: the send buffer fills
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            long wallBefore = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.activeTransfers() == 0);
            long stalledNanos = System.nanoTime() - wallBefore;
            double cpuShare = (os.getProcessCpuTime() - cpuBefore) / (double) stalledNanos;
            assertTrue(stalledNanos >= Duration.ofMillis(2500).toNanos(), "dropped before the idle timeout");
            assertTrue(cpuShare < 0.5, "the stalled transfer kept " + cpuShare + " of a core busy");
        }
    }
}
