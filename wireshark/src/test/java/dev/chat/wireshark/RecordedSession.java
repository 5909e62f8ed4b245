package dev.chat.wireshark;

import dev.chat.client.ChatClient;
import dev.chat.client.ChatListener;
import dev.chat.client.ClientOptions;
import dev.chat.client.DownloadResult;
import dev.chat.client.TransferProtocol;
import dev.chat.daemon.ChatServer;
import dev.chat.daemon.DaemonConfig;
import dev.chat.daemon.transfer.ImpairmentSettings;
import dev.chat.daemon.transfer.TransferSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * One real session recorded once per test JVM and shared by the tests that read it: a daemon on a
 * free loopback port with lossy UDP (5% loss, 5% duplicates, 5% reordering, seeded), alice and bob
 * joining, a private message and a broadcast, a text-mode user (as nc), a TCP and a UDP download.
 * The client writes the UDP secret to a key log (chat.keylogfile) as CHAT_KEYLOGFILE would.
 */
final class RecordedSession {
    static final int TCP_SIZE = 100_000;
    static final int UDP_SIZE = 262_144;
    /** Held so the setting is not garbage-collected: per-session log lines would drown test output. */
    private static final Logger QUIET = Logger.getLogger("dev.chat");
    private static RecordedSession recorded;
    private static String skipped;

    final Path dir;
    final Path capture;
    final Path keyLog;
    final int port;
    final byte[] tcpFile;
    final byte[] udpFile;

    private Frames all;

    private RecordedSession(Path dir, Path capture, Path keyLog, int port, byte[] tcpFile, byte[] udpFile) {
        this.dir = dir;
        this.capture = capture;
        this.keyLog = keyLog;
        this.port = port;
        this.tcpFile = tcpFile;
        this.udpFile = udpFile;
    }

    /**
     * Every field the tests read, from one tshark run of two passes (replies link back, requests
     * forward; the second pass reuses the first's decryption), split by protocol.
     */
    private synchronized Frames all() throws IOException, InterruptedException {
        if (all == null) {
            all = Frames.of(capture, List.of(), List.of("-2"), "chatd || chatdata || chatrudp",
                    "chatd.type", "chatd.id", "chatd.re", "chatd.name", "chatd.user", "chatd.request_in",
                    "chatd.response_in", "chatd.time", "chatd.limits.max_line_bytes", "chatd.to", "chatd.from",
                    "chatd.text", "chatd.recipients", "chatd.text.kind", "chatd.protocol", "chatd.transfer", "chatd.size",
                    "chatdata.type", "chatdata.transfer", "chatdata.offset", "chatdata.length", "chatdata.file_offset",
                    "chatdata.file_end", "chatdata.file_data",
                    "chatrudp.transfer", "chatrudp.type", "chatrudp.tag.status", "chatrudp.key_source",
                    "chatrudp.granted_in", "chatrudp.file", "chatrudp.offset", "chatrudp.payload", "chatrudp.file_size",
                    "chatrudp.sack.start", "chatrudp.retransmission_of", "chatrudp.duplicate_of", "_ws.expert.message");
        }
        return all;
    }

    /** The chat connections' frames. */
    Frames chat() throws IOException, InterruptedException {
        return all().withProtocol("chatd");
    }

    /** The data connections' frames. */
    Frames data() throws IOException, InterruptedException {
        return all().withProtocol("chatdata");
    }

    /** The datagrams. */
    Frames rudp() throws IOException, InterruptedException {
        return all().withProtocol("chatrudp");
    }

    /** The session, recorded on first use; null when it cannot be, and {@link #skipReason()} says why. */
    static synchronized RecordedSession get() throws Exception {
        if (recorded == null && skipped == null) {
            skipped = Tools.missing(true);
            if (skipped == null) {
                recorded = record(Files.createTempDirectory("chatd-capture"));
                if (recorded == null) {
                    skipped = skipped == null ? "capture failed" : skipped;
                }
            }
        }
        return recorded;
    }

    static synchronized String skipReason() {
        return skipped;
    }

    private static RecordedSession record(Path dir) throws Exception {
        QUIET.setLevel(Level.WARNING);
        Path shared = Files.createDirectories(dir.resolve("shared"));
        byte[] tcpFile = bytes(TCP_SIZE, 1);
        byte[] udpFile = bytes(UDP_SIZE, 2);
        Files.write(shared.resolve("tcp.bin"), tcpFile);
        Files.write(shared.resolve("udp.bin"), udpFile);
        ImpairmentSettings lossy = new ImpairmentSettings(0.05, 0.05, 0.05, 0, 0, 7);
        try (ChatServer server = new ChatServer(DaemonConfig.builder().bind("127.0.0.1").port(0).files(shared)
                .drainTimeout(Duration.ofMillis(300)).shutdownGrace(Duration.ofMillis(500))
                .transfers(TransferSettings.DEFAULTS.withImpairment(lossy)).build()).start()) {
            int port = server.port();
            Path file = dir.resolve("session.pcap");
            try (LoopbackCapture capture = LoopbackCapture.start(file, port)) {
                if (capture.refusal() != null) {
                    skipped = capture.refusal();
                    return null;
                }
                Path keyLog = dir.resolve("keys.log");
                talk(port, dir, keyLog, tcpFile, udpFile);
                capture.finish();
                return new RecordedSession(dir, file, keyLog, port, tcpFile, udpFile);
            }
        }
    }

    private static void talk(int port, Path dir, Path keyLog, byte[] tcpFile, byte[] udpFile) throws Exception {
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        try (ChatClient alice = ChatClient.connect(ClientOptions.of("127.0.0.1", port, "alice"), ChatListener.NONE);
             ChatClient bob = ChatClient.connect(ClientOptions.of("127.0.0.1", port, "bob"), ChatListener.NONE)) {
            alice.send("bob", "hi bob").get(10, TimeUnit.SECONDS);
            bob.send("all", "hello everyone").get(10, TimeUnit.SECONDS);
            textUser(port);
            tlsTextUser(port, dir.resolve("tls-keys.log"));
            DownloadResult tcp = alice.download("tcp.bin", TransferProtocol.TCP, downloads, null)
                    .result().get(60, TimeUnit.SECONDS);
            assertArrayEquals(tcpFile, Files.readAllBytes(tcp.file()));
            String before = System.getProperty("chat.keylogfile");
            System.setProperty("chat.keylogfile", keyLog.toString());
            try {
                DownloadResult udp = alice.download("udp.bin", TransferProtocol.UDP, downloads, null)
                        .result().get(60, TimeUnit.SECONDS);
                assertArrayEquals(udpFile, Files.readAllBytes(udp.file()));
            } finally {
                if (before == null) {
                    System.clearProperty("chat.keylogfile");
                } else {
                    System.setProperty("chat.keylogfile", before);
                }
            }
        }
    }

    /** carol at nc: her name, a broadcast, /quit; waits for each answer so the capture has them. */
    private static void textUser(int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out.write("carol\n".getBytes(StandardCharsets.UTF_8));
            readUntil(in, "* welcome carol");
            out.write("all: hi from nc\n/quit\n".getBytes(StandardCharsets.UTF_8));
            readUntil(in, "* bye");
        }
    }

    /**
     * dave at openssl s_client over TLS, which writes the session's secrets to a TLS key log (the
     * JDK cannot): the capture then shows what Wireshark decrypts. Skipped without openssl.
     */
    private static void tlsTextUser(int port, Path tlsKeyLog) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/openssl"))) {
            return;
        }
        Process openssl = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-quiet",
                "-keylogfile", tlsKeyLog.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(openssl.getInputStream(), StandardCharsets.UTF_8))) {
            OutputStream out = openssl.getOutputStream();
            out.write("dave\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            readUntil(in, "* welcome dave");
            out.write("all: hello over tls\n/quit\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            readUntil(in, "* bye");
        } finally {
            openssl.destroy();
            openssl.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void readUntil(BufferedReader in, String prefix) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed before '" + prefix + "'");
            }
        } while (!line.startsWith(prefix));
    }

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
