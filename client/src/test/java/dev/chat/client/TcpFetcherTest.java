package dev.chat.client;

import dev.chat.wire.JsonCodec;
import dev.chat.wire.Limits;
import dev.chat.wire.frame.DataHeader;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.frame.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The plaintext data connection on a real socket, against a fake daemon that sends what each test says. */
@Timeout(20)
class TcpFetcherTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;
    private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());

    TcpFetcherTest() throws IOException {
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    private DownloadReady ready(long size, long offset, byte[] whole) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(whole));
        return new DownloadReady(1, 7, "f.bin", size, sha, offset, Transport.TCP, TOKEN, server.getLocalPort());
    }

    /** Answers one fetch with {@code reply} (header and body as raw bytes), on a thread of its own. */
    private void serve(byte[] reply) {
        Thread.ofPlatform().daemon(true).start(() -> {
            try (Socket s = server.accept()) {
                s.getInputStream().read(new byte[256]); // the fetch line
                OutputStream out = s.getOutputStream();
                for (int at = 0; at < reply.length; at += 777) { // odd pieces: the header may share a read with the body
                    out.write(reply, at, Math.min(777, reply.length - at));
                }
                out.flush();
            } catch (IOException e) {
                // the client may have hung up: its side of the test says what it saw
            }
        });
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private String fetch(DownloadReady ready, Path part) throws Exception {
        try (FileChannel file = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
             HashingWriter writer = new HashingWriter(file, ready.offset())) {
            new TcpFetcher(InetAddress.getLoopbackAddress(), null, ready, Duration.ofSeconds(5), new AtomicLong()).fetch(writer);
            return writer.finish();
        }
    }

    @Test
    void aBodyThatArrivesWithItsHeaderIsWrittenAndHashedWhole() throws Exception {
        byte[] data = new byte[3 * HashingWriter.BUFFER_BYTES + 5];
        new Random(5).nextBytes(data);
        DownloadReady ready = ready(data.length, 0, data);
        serve(concat(JsonCodec.instance().encodeFrame(new DataHeader(7, 0, data.length)), data));
        Path part = dir.resolve("a.part");
        assertEquals(ready.sha256(), fetch(ready, part));
        assertArrayEquals(data, Files.readAllBytes(part));
    }

    @Test
    void aConnectionThatEndsEarlyIsALostConnection() throws Exception {
        byte[] data = new byte[100_000];
        DownloadReady ready = ready(data.length, 0, data);
        serve(concat(JsonCodec.instance().encodeFrame(new DataHeader(7, 0, data.length)), Arrays.copyOf(data, 60_000)));
        DownloadException e = assertThrows(DownloadException.class, () -> fetch(ready, dir.resolve("b.part")));
        assertEquals(DownloadException.Reason.CONNECTION_LOST, e.reason());
    }

    @Test
    void aHeaderLongerThanALineIsAProtocolErrorEvenWithItsNewlineInTheSameRead() throws Exception {
        byte[] data = new byte[10];
        DownloadReady ready = ready(data.length, 0, data);
        byte[] longLine = new byte[Limits.MAX_LINE_BYTES + 10];
        Arrays.fill(longLine, (byte) ' ');
        longLine[longLine.length - 1] = '\n';
        serve(longLine);
        DownloadException e = assertThrows(DownloadException.class, () -> fetch(ready, dir.resolve("c.part")));
        assertEquals(DownloadException.Reason.PROTOCOL, e.reason());
    }

    @Test
    void aHeaderForAnotherRangeIsAProtocolError() throws Exception {
        byte[] data = new byte[1000];
        DownloadReady ready = ready(data.length, 0, data);
        serve(JsonCodec.instance().encodeFrame(new DataHeader(7, 0, 999)));
        DownloadException e = assertThrows(DownloadException.class, () -> fetch(ready, dir.resolve("d.part")));
        assertEquals(DownloadException.Reason.PROTOCOL, e.reason());
    }
}
