package dev.chat.daemon.transfer;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.JsonCodec;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.Download;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * PROTOCOL.md 16.3: a download request still waiting for its file's hash holds one of the session's
 * transfer slots, so the limit also bounds the hashing work one session can queue; a request that
 * fails gives its slot back.
 */
@Timeout(20)
class PendingRequestLimitTest {
    @TempDir
    Path files;

    /** The hash pool, held: its tasks run only when the test says so. */
    private final List<Runnable> heldHashing = new CopyOnWriteArrayList<>();
    private final BlockingQueue<ServerFrame> replies = new LinkedBlockingQueue<>();
    private TransferService service;
    /** A port for download_ready to name, taken as the daemon takes it: the TCP listener's. */
    private ServerSocket listener;

    @AfterEach
    void close() throws IOException {
        if (service != null) {
            service.close();
        }
        if (listener != null) {
            listener.close();
        }
    }

    private TransferService started(int maxPerSession) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        SharedFolder folder = new SharedFolder(files);
        service = new TransferService(TransferSettings.DEFAULTS.withMaxPerSession(maxPerSession), folder,
                new FileHasher(heldHashing::add, folder::openReal));
        service.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()));
        return service;
    }

    @Test
    void requestsStillBeingHashedCountTowardTheLimit() throws Exception {
        Files.writeString(files.resolve("a.txt"), "hello");
        started(2);
        TransferSession session = service.openSession("#1 test", stats -> { });
        session.request(download(1, "a.txt"), replies::add);
        session.request(download(2, "a.txt"), replies::add);
        ProtocolException third = assertThrows(ProtocolException.class,
                () -> session.request(download(3, "a.txt"), replies::add));
        assertEquals(ErrorCode.TOO_MANY_TRANSFERS, third.code());
        assertEquals(3L, third.re().getAsLong());
        assertEquals(null, replies.poll(), "nothing answered while the file is hashed");

        await().atMost(Duration.ofSeconds(5)).until(() -> !heldHashing.isEmpty());
        heldHashing.forEach(Runnable::run);
        assertInstanceOf(DownloadReady.class, next());
        assertInstanceOf(DownloadReady.class, next());
        assertEquals(2, service.slotsInUse(session), "granted now, still holding their slots");
    }

    @Test
    void aRequestThatFailsGivesItsSlotBack() throws Exception {
        started(1);
        TransferSession session = service.openSession("#1 test", stats -> { });
        session.request(download(1, "missing.txt"), replies::add);
        assertEquals(ErrorCode.FILE_NOT_FOUND, assertInstanceOf(ErrorFrame.class, next()).code());
        await().atMost(Duration.ofSeconds(5)).until(() -> service.slotsInUse(session) == 0);
        session.request(download(2, "missing.txt"), replies::add);
        assertEquals(2L, assertInstanceOf(ErrorFrame.class, next()).re(), "the slot was free again");
    }

    private ServerFrame next() throws InterruptedException {
        ServerFrame frame = replies.poll(5, TimeUnit.SECONDS);
        assertNotNull(frame, "a reply within 5 s");
        return frame;
    }

    /** Decoded from its line, so the test does not depend on how the record types its fields. */
    private static Download download(long id, String name) throws IOException {
        String line = "{\"type\":\"download\",\"id\":" + id + ",\"name\":\"" + name + "\",\"protocol\":\"tcp\",\"offset\":0}";
        return (Download) JsonCodec.instance().decodeClient(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
    }
}
