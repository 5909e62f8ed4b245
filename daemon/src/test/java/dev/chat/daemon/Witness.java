package dev.chat.daemon;

import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Ping;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.ServerFrame;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two well-behaved clients that keep talking while a test attacks the daemon: one sends a private
 * message every 100 ms (within the default rate limit), the other reads everything, answers pings
 * and records when each message arrived. The attack tests assert that the messages kept arriving:
 * no gap longer than {@link #MAX_GAP} and a steady count.
 */
final class Witness implements AutoCloseable {
    static final Duration MAX_GAP = Duration.ofSeconds(2);

    private final TestClient sender;
    private final TestClient receiver;
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicLong lastArrival = new AtomicLong(System.nanoTime());
    private final AtomicLong maxGap = new AtomicLong();
    private final Thread sending;
    private final Thread receiving;
    private final Thread draining;
    private volatile boolean stopped;
    private volatile Throwable failure;

    Witness(LoopbackFixture fixture) throws IOException {
        sender = fixture.join("w-sender");
        receiver = fixture.join("w-receiver");
        sending = Thread.ofVirtual().name("witness-send").start(this::sendLoop);
        receiving = Thread.ofVirtual().name("witness-receive").start(this::receiveLoop);
        draining = Thread.ofVirtual().name("witness-drain").start(this::drainLoop);
        awaitMessages(3);
    }

    private void sendLoop() {
        try {
            for (int i = 0; !stopped; i++) {
                sender.send(new Send(sender.nextId(), "w-receiver", "tick " + i));
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException e) {
            if (!stopped) {
                failure = e;
            }
        }
    }

    private void receiveLoop() {
        try {
            while (!stopped) {
                ServerFrame frame = receiver.next();
                if (frame instanceof Ping ping) {
                    receiver.send(new Pong(ping.id()));
                } else if (frame instanceof Message m && m.from().equals("w-sender")) {
                    long now = System.nanoTime();
                    maxGap.accumulateAndGet(now - lastArrival.getAndSet(now), Math::max);
                    arrived.incrementAndGet();
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!stopped) {
                failure = e;
            }
        }
    }

    /** The sender reads its replies too, or its own queue would fill during long attacks. */
    private void drainLoop() {
        try {
            while (!stopped) {
                sender.next();
            }
        } catch (IOException | RuntimeException e) {
            if (!stopped) {
                failure = e;
            }
        }
    }

    int arrived() {
        return arrived.get();
    }

    /** Waits until {@code n} more messages arrive. */
    void awaitMessages(int n) {
        int target = arrived.get() + n;
        await().atMost(Duration.ofSeconds(5)).until(() -> arrived.get() >= target || failure != null);
        assertHealthy();
    }

    /** Messages still arrive now, none was held up longer than {@link #MAX_GAP} so far. */
    void assertHealthy() {
        assertTrue(failure == null, () -> "the witness failed: " + failure);
        long gap = Math.max(maxGap.get(), System.nanoTime() - lastArrival.get());
        assertTrue(gap < MAX_GAP.toNanos(), () -> "the witness's messages stalled for " + gap / 1_000_000 + " ms");
    }

    long maxGapMillis() {
        return maxGap.get() / 1_000_000;
    }

    @Override
    public void close() throws IOException {
        stopped = true;
        sending.interrupt();
        sender.close();
        receiver.close();
    }
}
