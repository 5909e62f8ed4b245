package dev.chat.client;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The write contract: requests never block the caller, go out in order, and a full queue fails them. */
@Timeout(30)
class ChatClientWriterTest {
    /** Enough sends of the longest text to fill loopback's socket buffers several times over. */
    private static final int MAX_SENDS = 50_000;

    private FakeServer server;
    private final RecordingListener listener = new RecordingListener(new ConcurrentLinkedQueue<>());

    @BeforeEach
    void startServer() throws Exception {
        server = new FakeServer();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void aDaemonThatNeverReadsBlocksNoSendAndTheFullQueueFailsSendsWithRateLimited() throws Exception {
        FakeServer.Joined joined = server.join("alice", listener, "alice");
        ChatClient client = joined.client();
        String longest = "x".repeat(4096);
        List<CompletableFuture<Sent>> sends = new ArrayList<>();
        // The peer reads nothing from here on: socket buffers fill, then the queue, then sends fail.
        CompletableFuture<Sent> refused = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < MAX_SENDS; i++) {
                CompletableFuture<Sent> sent = client.send("all", longest);
                sends.add(sent);
                if (sent.isCompletedExceptionally()) {
                    return sent;
                }
            }
            return null;
        }, "a send blocked");
        assertNotNull(refused, "no send was refused in " + MAX_SENDS + " sends");
        ExecutionException e = assertThrows(ExecutionException.class, () -> refused.get(1, TimeUnit.SECONDS));
        ChatException full = assertInstanceOf(ChatException.class, e.getCause());
        assertEquals(ErrorCode.RATE_LIMITED, full.code());
        assertTrue(full.getMessage().contains("slow down"), full.getMessage());
        assertTrue(sends.size() > 1, "earlier sends were queued");
        assertTrue(client.isOpen(), "a full queue fails the send, not the session");

        assertTimeoutPreemptively(Duration.ofSeconds(8), client::close, "close is bounded");
        assertFalse(client.readerThread().isAlive());
        assertFalse(client.writerThread().isAlive(), "the writer stuck in a write ends with the socket");
        joined.peer().close();
    }

    @Test
    void requestsReachTheDaemonInTheOrderTheyWereMade() throws Exception {
        try (FakeServer.Joined joined = server.join("alice", listener, "alice")) {
            for (int i = 0; i < 500; i++) {
                joined.client().send("bob", "m" + i);
            }
            for (int i = 0; i < 500; i++) {
                assertEquals("m" + i, joined.peer().read(Send.class).text());
            }
        }
    }
}
