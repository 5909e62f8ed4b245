package dev.chat.daemon;

import dev.chat.wire.frame.Transport;
import dev.chat.daemon.tls.TlsSettings;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.JsonCodec;
import dev.chat.wire.frame.DataHeader;
import dev.chat.wire.frame.Download;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Fetch;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.Welcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** TLS on the daemon's one port, over real loopback sockets: JDK and openssl clients, data connections, refusals. */
@Timeout(30)
final class TlsLoopbackTest extends LoopbackFixture {
    @TempDir
    Path keys;
    private static final byte[] MARKER = "THE-FILE-CONTENT-".getBytes(StandardCharsets.US_ASCII);

    private TestClient joinTls(String name) throws IOException {
        TestClient client = track(new TestClient(TlsSockets.connect(server.port(), server.tlsFingerprint())));
        client.send(new Hello(client.nextId(), name, 1, "test"));
        client.expect(Welcome.class);
        return client;
    }

    /** 256 KiB of the marker, recognisable anywhere in a capture. */
    private byte[] sharedFile(String name) throws IOException {
        byte[] content = new byte[256 * 1024];
        for (int i = 0; i < content.length; i++) {
            content[i] = MARKER[i % MARKER.length];
        }
        Files.write(files.resolve(name), content);
        return content;
    }

    private DownloadReady grant(TestClient client, String name) throws IOException {
        client.send(new Download(client.nextId(), name, Transport.TCP, 0));
        return client.expect(DownloadReady.class);
    }

    /** Sends the fetch line on {@code data}, reads the first line's frame and then the rest of the stream. */
    private static Object[] fetch(Socket data, DownloadReady ready) throws IOException {
        data.setSoTimeout(5000);
        data.getOutputStream().write(JsonCodec.instance().encodeFrame(new Fetch(ready.transfer(), ready.token())));
        data.getOutputStream().flush();
        InputStream in = data.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n' && b >= 0; b = in.read()) {
            line.write(b);
        }
        ServerFrame first = JsonCodec.instance().decodeServer(ByteBuffer.wrap(line.toByteArray()));
        return new Object[]{first, in.readAllBytes()};
    }

    @Test
    void aJdkTlsClientChatsWithAPlaintextClientOnTheSamePort() throws IOException {
        start();
        TestClient bob = join("bob");
        TestClient alice = joinTls("alice");
        alice.send(new Send(alice.nextId(), "bob", "over TLS"));
        assertEquals("over TLS", bob.expect(Message.class).text());
        bob.send(new Send(bob.nextId(), "alice", "in plaintext"));
        assertEquals("in plaintext", alice.expect(Message.class).text());
    }

    @Test
    void aTlsSessionsTcpDownloadIsEncryptedOnTheWireAndArrivesWhole() throws Exception {
        byte[] content = sharedFile("secret.bin");
        start();
        TestClient alice = joinTls("alice");
        DownloadReady ready = grant(alice, "secret.bin");
        try (CapturingProxy proxy = new CapturingProxy(server.port());
             SSLSocket data = TlsSockets.connect(proxy.port(), server.tlsFingerprint())) {
            Object[] fetched = fetch(data, ready);
            assertEquals(new DataHeader(ready.transfer(), 0, content.length), fetched[0]);
            assertArrayEquals(content, (byte[]) fetched[1]);
            data.close();
            byte[] wire = proxy.captured();
            assertTrue(wire.length > content.length, "the capture holds the whole encrypted stream: " + wire.length);
            assertFalse(contains(wire, MARKER), "the file's bytes appear in the clear on the wire");
        }
    }

    @Test
    void theCaptureSeesAPlaintextSessionsDownloadInTheClear() throws Exception {
        byte[] content = sharedFile("open.bin");
        start();
        TestClient bob = join("bob");
        DownloadReady ready = grant(bob, "open.bin");
        try (CapturingProxy proxy = new CapturingProxy(server.port()); Socket data = new Socket()) {
            data.connect(new InetSocketAddress("127.0.0.1", proxy.port()), 5000);
            Object[] fetched = fetch(data, ready);
            assertArrayEquals(content, (byte[]) fetched[1]);
            data.close();
            assertTrue(contains(proxy.captured(), MARKER), "the proxy captures what the daemon sends");
        }
    }

    @Test
    void aPlaintextFetchOfAGrantMadeOnATlsSessionIsRefusedAndSpendsTheToken() throws IOException {
        sharedFile("secret.bin");
        start();
        TestClient alice = joinTls("alice");
        DownloadReady ready = grant(alice, "secret.bin");
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            Object[] fetched = fetch(plain, ready);
            assertEquals(ErrorCode.TLS_REQUIRED, assertInstanceOf(ErrorFrame.class, fetched[0]).code());
            assertEquals(0, ((byte[]) fetched[1]).length);
        }
        try (SSLSocket data = TlsSockets.connect(server.port(), server.tlsFingerprint())) {
            Object[] again = fetch(data, ready);
            assertEquals(ErrorCode.BAD_TOKEN, assertInstanceOf(ErrorFrame.class, again[0]).code());
        }
    }

    @Test
    void underTlsRequiredPlaintextJsonGetsTlsRequiredTextGetsOneLineAndTlsStillJoins() throws IOException {
        start(config().tls(TlsSettings.DEFAULTS.withRequired(true)));
        TestClient json = connect();
        json.send(new Hello(1, "mallory", 1, "test"));
        ErrorFrame error = json.expect(ErrorFrame.class);
        assertEquals(ErrorCode.TLS_REQUIRED, error.code());
        assertTrue(json.closedByDaemon());
        TestClient text = connect();
        text.sendRaw("mallory\n");
        assertTrue(text.nextLine().startsWith("! TLS_REQUIRED: this server accepts TLS connections only"));
        assertTrue(text.closedByDaemon());
        joinTls("alice");
    }

    @Test
    void aHandshakeThatStallsIsCutOffAtTheHelloTimeout() throws IOException {
        start(config().helloTimeout(Duration.ofMillis(500)));
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            raw.setSoTimeout(5000);
            OutputStream out = raw.getOutputStream();
            out.write(new byte[]{0x16, 0x03, 0x01, 0x02, 0x00}); // a record header announcing 512 bytes, then nothing
            out.flush();
            long started = System.nanoTime();
            assertEquals(-1, drain(raw.getInputStream()));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis >= 300 && millis < 4000, "closed after " + millis + " ms");
        }
    }

    @Test
    void opensslSClientJoinsInTextModeOverTls() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        start();
        TestClient bob = join("bob");
        Process openssl = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(), "-quiet")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(openssl.getInputStream(), StandardCharsets.UTF_8))) {
            openssl.getOutputStream().write("carol\n".getBytes(StandardCharsets.UTF_8));
            openssl.getOutputStream().flush();
            assertEquals("* welcome carol, 2 users online: bob, carol", out.readLine());
            bob.send(new Send(bob.nextId(), "carol", "hi carol"));
            assertTrue(out.readLine().endsWith("bob -> you: hi carol"));
        } finally {
            openssl.destroy();
        }
    }

    @Test
    void aCertificateAndKeyGivenAsPemFilesAreWhatTheDaemonServes() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        Path cert = keys.resolve("fullchain.pem");
        Path key = keys.resolve("privkey.pem");
        Process req = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=chat.example", "-keyout", key.toString(), "-out", cert.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, req.waitFor());
        String expected;
        try (InputStream in = Files.newInputStream(cert)) {
            expected = dev.chat.wire.Fingerprint.of(java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in).getEncoded());
        }
        start(config().tls(TlsSettings.DEFAULTS.withFiles(cert, key)));
        assertEquals(expected, server.tlsFingerprint());
        try (TestClient alice = new TestClient(TlsSockets.connect(server.port(), expected))) {
            alice.send(new Hello(1, "alice", 1, "test"));
            assertEquals("alice", alice.expect(Welcome.class).name());
        }
    }

    /** Reads to the end; -1 at EOF, -2 when the connection was reset instead. */
    private static int drain(InputStream in) {
        try {
            while (in.read() >= 0) {
                // discard
            }
            return -1;
        } catch (IOException e) {
            return e instanceof java.net.SocketTimeoutException ? 0 : -2;
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
