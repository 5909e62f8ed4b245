package dev.chat.daemon;

import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.HistoryPage;
import dev.chat.wire.frame.HistoryRequest;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Ok;
import dev.chat.wire.frame.Register;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.Welcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of the packaged daemon during a burst of broadcasts and private messages: after a
 * restart on the same data folder, every message that got a {@code sent} is in the history exactly
 * once, with its text. Killed at a random moment of the burst, three times.
 */
@Timeout(120)
class HistoryCrashIT {
    private static final String PASSWORD = "alice's password";
    private static final int BURST = 3000;

    @TempDir
    Path dir;

    private DaemonProcess daemon;

    @AfterEach
    void stop() throws InterruptedException {
        if (daemon != null) {
            daemon.close();
        }
    }

    @RepeatedTest(3)
    void everyAcknowledgedMessageIsInTheHistoryExactlyOnceAfterKillNine() throws Exception {
        int port = startDaemon();
        TestClient alice = TestClient.joined(port, "alice");
        alice.send(new Register(alice.nextId(), PASSWORD));
        assertInstanceOf(Ok.class, alice.expect(Ok.class));
        TestClient bob = TestClient.joined(port, "bob").answeringPings();
        alice.answeringPings();

        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        Map<Long, String> texts = new HashMap<>(); // request id -> text
        int killAfter = ThreadLocalRandom.current().nextInt(20, 600);
        Thread reader = Thread.ofVirtual().start(() -> readReceipts(bob, texts, acknowledged));
        Thread sender = Thread.ofVirtual().start(() -> sendBurst(bob, texts));
        await().atMost(java.time.Duration.ofSeconds(30)).until(() -> acknowledged.size() >= killAfter);
        daemon.signal("KILL");
        daemon.exitCode(java.time.Duration.ofSeconds(10));
        reader.join(10_000);
        sender.join(10_000);
        Map<Long, String> acked = Map.copyOf(acknowledged);

        port = startDaemon();
        TestClient again = new TestClient(port);
        again.send(new Hello(again.nextId(), "alice", 1, "test", PASSWORD, null, null));
        again.expect(Welcome.class);
        Map<Long, Integer> seen = new HashMap<>();
        Map<Long, String> stored = new HashMap<>();
        long after = 0;
        while (true) {
            again.send(new HistoryRequest(again.nextId(), null, after, 1000));
            int before = seen.size();
            for (HistoryPage page = again.expect(HistoryPage.class); ; page = again.expect(HistoryPage.class)) {
                for (Message m : page.messages()) {
                    seen.merge(m.id(), 1, Integer::sum);
                    stored.put(m.id(), m.text());
                    after = Math.max(after, m.id());
                }
                if (!page.more()) {
                    break;
                }
            }
            if (seen.size() == before) {
                break;
            }
        }
        for (Map.Entry<Long, String> sent : acked.entrySet()) {
            assertEquals(1, seen.getOrDefault(sent.getKey(), 0), "message " + sent.getKey() + " once");
            assertEquals(sent.getValue(), stored.get(sent.getKey()));
        }
        assertTrue(seen.values().stream().allMatch(n -> n == 1), "no id twice");
        System.out.println("HistoryCrashIT: killed after " + acked.size() + " receipts; " + stored.size() + " stored");
    }

    /** Sends the burst, a third of it as private messages to alice, until done or the daemon dies. */
    private static void sendBurst(TestClient bob, Map<Long, String> texts) {
        try {
            for (int i = 0; i < BURST; i++) {
                long id = bob.nextId();
                String text = "m" + i;
                synchronized (texts) {
                    texts.put(id, text);
                }
                bob.send(new Send(id, i % 3 == 0 ? "alice" : "all", text));
            }
        } catch (IOException e) {
            // the daemon was killed mid-burst
        }
    }

    /** Collects each {@code sent}'s message id and text until the daemon dies. */
    private static void readReceipts(TestClient bob, Map<Long, String> texts, Map<Long, String> acknowledged) {
        try {
            while (true) {
                ServerFrame frame = bob.next();
                if (frame instanceof Sent sent) {
                    String text;
                    synchronized (texts) {
                        text = texts.get(sent.re());
                    }
                    acknowledged.put(sent.id(), text);
                } else if (frame instanceof ErrorFrame error) {
                    throw new AssertionError("a send was refused: " + error);
                }
            }
        } catch (IOException e) {
            // the daemon was killed
        }
    }

    private int startDaemon() throws IOException {
        Path files = Files.createDirectories(dir.resolve("files"));
        daemon = DaemonProcess.start(dir, "--bind", "127.0.0.1", "--port", "0", "--files", files.toString(),
                "--data-dir", dir.resolve("data").toString(), "--rate-limit", "0", "--plaintext-login");
        return daemon.awaitListening();
    }
}
