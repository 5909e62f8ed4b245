package dev.chat.daemon;

import dev.chat.wire.JsonCodec;
import dev.chat.wire.frame.DataHeader;
import dev.chat.wire.frame.Download;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.frame.Fetch;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.Shutdown;
import dev.chat.wire.frame.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged daemon as a service runs it: a separate process, signals, exit codes, standard error. */
@Timeout(60)
class PackagedDaemonIT {
    private static final int BIG = 48 << 20;
    private static final String LOG_LINE =
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) (ERROR|WARN|INFO|DEBUG|TRACE) .+";

    @TempDir
    Path dir;

    private DaemonProcess daemon;

    @AfterEach
    void stop() throws InterruptedException {
        if (daemon != null) {
            daemon.close();
        }
    }

    private Path files() throws IOException {
        Path files = Files.createDirectories(dir.resolve("files"));
        Files.writeString(files.resolve("hello.txt"), "hello\n");
        return files;
    }

    private int startDaemon(String... extra) throws IOException {
        String[] args = new String[extra.length + 6];
        System.arraycopy(new String[] {"--bind", "127.0.0.1", "--port", "0", "--files", files().toString()}, 0, args, 0, 6);
        System.arraycopy(extra, 0, args, 6, extra.length);
        daemon = DaemonProcess.start(dir, args);
        return daemon.awaitListening();
    }

    @Test
    void sigtermTellsEveryClientAndExitsZeroWithinTheGrace() throws Exception {
        int port = startDaemon("--grace", "5");
        TestClient alice = TestClient.joined(port, "alice");
        TestClient bob = TestClient.joined(port, "bob");
        alice.send(new Send(alice.nextId(), "bob", "a-secret-text-never-logged"));
        alice.expect(Sent.class);
        TestClient carol = new TestClient(port);
        carol.sendRaw("carol\n");
        assertTrue(carol.nextLine().startsWith("* welcome carol"));

        long before = System.nanoTime();
        daemon.signal("TERM");
        assertInstanceOf(Shutdown.class, alice.expect(Shutdown.class));
        assertInstanceOf(Shutdown.class, bob.expect(Shutdown.class));
        String line;
        do {
            line = carol.nextLine();
        } while (!line.startsWith("* server shutting down"));
        assertTrue(alice.closedByDaemon());
        assertEquals(0, daemon.exitCode(Duration.ofSeconds(5)));
        assertTrue(System.nanoTime() - before < Duration.ofSeconds(5).toNanos());

        String log = daemon.stderr();
        assertTrue(log.contains("INFO SIGTERM: shutting down"), log);
        assertTrue(log.contains("INFO chatd stopped"), log);
        assertFalse(log.contains("a-secret-text-never-logged"), log);
        log.lines().forEach(l -> assertTrue(l.matches(LOG_LINE), "not a log line: " + l));
    }

    @Test
    void sigintStopsTheDaemonLikeSigterm() throws Exception {
        int port = startDaemon();
        TestClient alice = TestClient.joined(port, "alice");
        daemon.signal("INT");
        alice.expect(Shutdown.class);
        assertEquals(0, daemon.exitCode(Duration.ofSeconds(5)));
        assertTrue(daemon.stderr().contains("SIGINT: shutting down"));
    }

    @Test
    void aRunningTransferFinishesWithinTheGraceAfterItsSessionIsClosed() throws Exception {
        int port = startDaemon("--grace", "20");
        try (Downloader download = Downloader.start(port, big())) {
            download.readSome(1 << 20);
            daemon.signal("TERM");
            awaitLog("shutting down: ");
            assertTrue(daemon.stderr().contains("1 transfers running"), daemon.stderr());
            download.control.expect(Shutdown.class);
            assertTrue(download.control.closedByDaemon(), "the chat session closes while the transfer runs");
            download.readRest();
            assertEquals(BIG, download.received);
            assertEquals(download.ready.sha256(), download.sha256());
        }
        assertEquals(0, daemon.exitCode(Duration.ofSeconds(10)));
        assertFalse(daemon.stderr().contains("grace period over"), daemon.stderr());
        assertTrue(daemon.stderr().contains("TCP transfer"), daemon.stderr());
    }

    @Test
    void aTransferStillRunningWhenTheGraceEndsIsAbortedAndTheDaemonExitsZero() throws Exception {
        int port = startDaemon("--grace", "1");
        try (Downloader download = Downloader.start(port, big())) {
            download.readSome(1 << 20); // then stops reading: a client far too slow for the grace
            long before = System.nanoTime();
            daemon.signal("TERM");
            assertEquals(0, daemon.exitCode(Duration.ofSeconds(6)));
            assertTrue(System.nanoTime() - before < Duration.ofSeconds(4).toNanos());
            assertTrue(daemon.stderr().contains("grace period over: aborting 1 transfers"), daemon.stderr());
            download.readRest();
            assertTrue(download.received < BIG, "the transfer was cut short: " + download.received);
        }
    }

    @Test
    void aSecondSigtermDuringTheGraceExitsAtOnce() throws Exception {
        int port = startDaemon("--grace", "60");
        try (Downloader download = Downloader.start(port, big())) {
            download.readSome(1 << 20);
            daemon.signal("TERM");
            awaitLog("shutting down: ");
            long before = System.nanoTime();
            daemon.signal("TERM");
            assertEquals(128 + 15, daemon.exitCode(Duration.ofSeconds(3)));
            assertTrue(System.nanoTime() - before < Duration.ofSeconds(3).toNanos());
            assertTrue(daemon.stderr().contains("SIGTERM again: stopping at once"), daemon.stderr());
        }
    }

    @Test
    void anUnknownConfigKeyStopsStartUpNamingTheKeyAndTheFile() throws Exception {
        Path config = Files.writeString(dir.resolve("chatd.properties"), "port=0\nmax-client=5\n");
        daemon = DaemonProcess.start(dir, "--config", config.toString(), "--files", files().toString());
        assertEquals(Chatd.EXIT_CONFIG, daemon.exitCode(Duration.ofSeconds(10)));
        assertTrue(daemon.stderr().contains("unknown key 'max-client' in " + config), daemon.stderr());
        assertFalse(daemon.stdout().contains("listening"));
    }

    @Test
    void anInvalidConfigValueStopsStartUpNamingTheKeyAndTheFile() throws Exception {
        Path config = Files.writeString(dir.resolve("chatd.properties"), "idle-timeout=0\n");
        daemon = DaemonProcess.start(dir, "--config", config.toString(), "--port", "0", "--files", files().toString());
        assertEquals(Chatd.EXIT_CONFIG, daemon.exitCode(Duration.ofSeconds(10)));
        assertTrue(daemon.stderr().contains("invalid value '0' for key 'idle-timeout' in " + config), daemon.stderr());
    }

    @Test
    void aPortInUseIsOneClearLineAndItsOwnExitCode() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            daemon = DaemonProcess.start(dir, "--bind", "127.0.0.1", "--port", Integer.toString(taken.getLocalPort()),
                    "--files", files().toString());
            assertEquals(Chatd.EXIT_LISTEN, daemon.exitCode(Duration.ofSeconds(10)));
            assertEquals("chatd: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": Address already in use (is another chatd running? try --port)", daemon.stderr().strip());
        }
    }

    @Test
    void aMissingFilesFolderIsOneClearLineAndItsOwnExitCode() throws Exception {
        Path missing = dir.resolve("no-such-folder");
        daemon = DaemonProcess.start(dir, "--port", "0", "--files", missing.toString());
        assertEquals(Chatd.EXIT_FILES, daemon.exitCode(Duration.ofSeconds(10)));
        assertEquals("chatd: the files folder " + missing + " does not exist or is not a folder (create it or pass --files)",
                daemon.stderr().strip());
    }

    @Test
    void printConfigShowsTheEffectiveConfigurationAndExitsZero() throws Exception {
        Path config = Files.writeString(dir.resolve("chatd.properties"), "port=4000\ngrace=2\n");
        daemon = DaemonProcess.start(dir, "--config", config.toString(), "--grace", "3", "--print-config");
        assertEquals(0, daemon.exitCode(Duration.ofSeconds(10)));
        String out = daemon.stdout();
        assertTrue(out.contains("\nport=4000\n"), out);
        assertTrue(out.contains("\ngrace=3.0\n"), out);
        assertTrue(out.contains("\nlog-level=info\n"), out);
        assertEquals("", daemon.stderr());
    }

    private void awaitLog(String text) {
        await().atMost(Duration.ofSeconds(10)).until(() -> daemon.stderr().contains(text));
    }

    /** A sparse file of {@link #BIG} zero bytes in the shared folder. */
    private String big() throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve("files").resolve("big.bin").toFile(), "rw")) {
            file.setLength(BIG);
        }
        return "big.bin";
    }

    /** A TCP download over a data connection with a small receive buffer, read when the test says. */
    private static final class Downloader implements AutoCloseable {
        final TestClient control;
        final DownloadReady ready;
        final Socket data;
        final InputStream in;
        final MessageDigest digest;
        long received;

        private Downloader(TestClient control, DownloadReady ready, Socket data) throws IOException, NoSuchAlgorithmException {
            this.control = control;
            this.ready = ready;
            this.data = data;
            this.in = data.getInputStream();
            this.digest = MessageDigest.getInstance("SHA-256");
        }

        static Downloader start(int port, String name) throws Exception {
            TestClient control = TestClient.joined(port, "downloader").answeringPings();
            control.send(new Download(control.nextId(), name, Transport.TCP, 0));
            DownloadReady ready = control.expect(DownloadReady.class);
            Socket data = new Socket();
            data.setReceiveBufferSize(32 << 10);
            data.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            data.setSoTimeout(10_000);
            data.getOutputStream().write(JsonCodec.instance().encodeFrame(new Fetch(ready.transfer(), ready.token())));
            Downloader downloader = new Downloader(control, ready, data);
            assertInstanceOf(DataHeader.class, downloader.header());
            return downloader;
        }

        private ServerFrame header() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n' && b >= 0; b = in.read()) {
                line.write(b);
            }
            return JsonCodec.instance().decodeServer(ByteBuffer.wrap(line.toByteArray()));
        }

        void readSome(int bytes) throws IOException {
            byte[] buf = new byte[8192];
            while (received < bytes) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, bytes - received));
                if (n < 0) {
                    throw new IOException("the data connection ended after " + received + " bytes");
                }
                digest.update(buf, 0, n);
                received += n;
            }
        }

        /** Reads to the end of the stream; a reset ends it too. */
        void readRest() {
            byte[] buf = new byte[1 << 16];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    digest.update(buf, 0, n);
                    received += n;
                }
            } catch (IOException e) {
                // reset by the daemon: the caller looks at how much arrived
            }
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }

        @Override
        public void close() throws IOException {
            data.close();
            control.close();
        }
    }

}
