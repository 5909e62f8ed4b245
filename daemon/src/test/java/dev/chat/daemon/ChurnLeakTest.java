package dev.chat.daemon;

import dev.chat.wire.frame.Bye;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.Quit;
import dev.chat.wire.frame.Welcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connect/join/quit cycles and abrupt drops, then the daemon's footprint must return to where it
 * started: no connection, session or transfer left, platform threads, file descriptors and heap
 * after GC within a small margin. The normal run does the 10,000 cycles and 1,000 drops (about
 * 10 s on two cores); {@code -Dchat.long=true} (scripts/test-long) does ten times as many.
 */
@Timeout(180)
final class ChurnLeakTest extends LoopbackFixture {
    private static final boolean LONG = Boolean.getBoolean("chat.long");
    private static final int CYCLES = LONG ? 100_000 : 10_000;
    private static final int DROPS = LONG ? 10_000 : 1_000;
    private static final int WORKERS = 4;

    @Test
    void connectJoinQuitCyclesAndAbruptDropsLeaveNothingBehind() throws Exception {
        start(crowdConfig());
        churn("w", 200, 20); // warm up: classes loaded, pools and buffers at their working size
        awaitIdle();
        LeakProbe.Snapshot before = LeakProbe.Snapshot.take();
        long began = System.nanoTime();
        churn("r", CYCLES, DROPS); // new names: the warm-up's dropped ones are still held for their tokens
        awaitIdle();
        LeakProbe.Snapshot after = LeakProbe.Snapshot.take();
        System.out.println("ChurnLeakTest: " + CYCLES + " cycles, " + DROPS + " drops in "
                + (System.nanoTime() - began) / 1_000_000 + " ms; before: " + before + "; after: " + after);
        assertTrue(after.threads() <= before.threads() + 4, () -> "platform threads: " + before + " -> " + after);
        assertTrue(after.fds() <= before.fds() + 16, () -> "file descriptors: " + before + " -> " + after);
        assertTrue(after.heap() <= before.heap() + (16L << 20), () -> "heap: " + before + " -> " + after);
    }

    private void awaitIdle() {
        await().atMost(Duration.ofSeconds(20)).until(() -> server.connectionCount() == 0
                && server.registry().size() == 0 && server.activeTransfers() == 0);
    }

    /** {@code cycles} clean sessions and {@code drops} abrupt ones, spread over a few workers. */
    private void churn(String prefix, int cycles, int drops) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                work.add(pool.submit(() -> {
                    for (int i = worker; i < cycles; i += WORKERS) {
                        cycle(prefix + "c" + i);
                    }
                    for (int i = worker; i < drops; i += WORKERS) {
                        drop(prefix + "d" + i, i % 2 == 0);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void cycle(String name) throws IOException {
        try (TestClient client = new TestClient(server.port())) {
            client.send(new Hello(client.nextId(), name, 1, "churn"));
            client.expect(Welcome.class);
            long id = client.nextId();
            client.send(new Quit(id));
            assertEquals(new Bye(id), client.expect(Bye.class));
        }
    }

    /** Joins (or only connects) and vanishes with a RST, as a killed client or a pulled cable does. */
    private void drop(String name, boolean joinFirst) throws IOException {
        TestClient client = new TestClient(server.port());
        if (joinFirst) {
            client.send(new Hello(client.nextId(), name, 1, "churn"));
            client.expect(Welcome.class);
        } else {
            client.sendRaw("{\"type\":\"hel");
        }
        client.reset();
    }
}
