package dev.chat.daemon;

import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Ping;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.UserLeft;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two calm JSON users, {@value #PROBER} and {@value #ECHOER}, that keep talking while a test
 * attacks the daemon: every 100 ms the prober sends the echoer a private {@code probe N}, the
 * echoer answers {@code echo N} privately, and the prober records the round trip. Ten frames a
 * second each, half the default flood limit. Both answer pings. Any error frame, a closed
 * connection, a read timeout or the other witness leaving is recorded as a failure, which
 * {@link #stopAndAssertCalm} reports together with lost probes and the slowest round trip.
 *
 * <p>Threads: one virtual thread sends probes, one reads for each witness; writes to a witness's
 * socket go through {@link #send}, which serialises them.
 */
final class Witnesses implements AutoCloseable {
    static final String PROBER = "witness-a";
    static final String ECHOER = "witness-b";
    private static final Duration PERIOD = Duration.ofMillis(100);

    private final TestClient prober;
    private final TestClient echoer;
    private final AtomicLong ids = new AtomicLong(1);
    /** Probe number to the System.nanoTime it was sent at; removed when its echo arrives. */
    private final Map<Integer, Long> outstanding = new ConcurrentHashMap<>();
    private final AtomicInteger probes = new AtomicInteger();
    private final AtomicInteger echoes = new AtomicInteger();
    private final AtomicLong maxRoundTrip = new AtomicLong();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final Thread sending;
    /** Round trips of probes sent before this System.nanoTime are not timed (the harness's own GCs). */
    private volatile long timedFrom;
    private volatile boolean stopped;
    private volatile boolean closing;

    Witnesses(int port) throws IOException {
        prober = TestClient.joined(port, PROBER);
        echoer = TestClient.joined(port, ECHOER);
        Thread.ofVirtual().name("witness-echo").start(() -> read(echoer, this::onEchoerFrame));
        Thread.ofVirtual().name("witness-probe-read").start(() -> read(prober, this::onProberFrame));
        sending = Thread.ofVirtual().name("witness-probe-send").start(this::probeLoop);
    }

    /** Waits until {@code n} more round trips completed (a warm-up, or proof that talk goes on). */
    void awaitRoundTrips(int n, Duration within) {
        int target = echoes.get() + n;
        await().atMost(within).until(() -> echoes.get() >= target || failure.get() != null);
        assertTrue(failure.get() == null, failure::get);
    }

    /** Times only the probes sent from now on: the harness's baseline GCs come before the attack. */
    void timeFromNow() {
        timedFrom = System.nanoTime();
        maxRoundTrip.set(0);
    }

    long maxRoundTripMillis() {
        return maxRoundTrip.get() / 1_000_000;
    }

    int roundTrips() {
        return echoes.get();
    }

    /**
     * Stops probing, waits up to {@code maxLatency} for the last echoes and asserts: no failure
     * (error frame, kick, disconnect), no probe lost, every round trip under {@code maxLatency}.
     */
    void stopAndAssertCalm(Duration maxLatency) throws InterruptedException {
        stopped = true;
        sending.interrupt();
        sending.join(maxLatency.toMillis() + 1000);
        await().atMost(maxLatency.plusSeconds(1)).until(() -> outstanding.isEmpty() || failure.get() != null);
        assertTrue(failure.get() == null, () -> "a witness failed: " + failure.get());
        assertEquals(probes.get(), echoes.get(), () -> "probes lost: " + outstanding.keySet());
        long slowest = maxRoundTripMillis();
        assertTrue(slowest < maxLatency.toMillis(), () -> "the slowest witness round trip took " + slowest
                + " ms (bound " + maxLatency.toMillis() + " ms, " + echoes.get() + " round trips)");
    }

    private void probeLoop() {
        try {
            for (int n = 0; !stopped; n++) {
                outstanding.put(n, System.nanoTime());
                probes.incrementAndGet();
                send(prober, new Send(ids.getAndIncrement(), ECHOER, "probe " + n));
                Thread.sleep(PERIOD); // the witness's own pace, not a wait for a condition
            }
        } catch (InterruptedException e) {
            // stopped
        } catch (IOException e) {
            fail(PROBER + " could not send: " + e);
        }
    }

    private interface Handler {
        void on(ServerFrame frame) throws IOException;
    }

    private void read(TestClient client, Handler handler) {
        try {
            while (!closing) {
                ServerFrame frame = client.next();
                if (frame instanceof Ping ping) {
                    send(client, new Pong(ping.id()));
                } else if (frame instanceof ErrorFrame error) {
                    fail("a witness got " + error);
                } else if (frame instanceof UserLeft left && left.name().startsWith("witness-")) {
                    fail(left.name() + " left: " + left.reason());
                } else {
                    handler.on(frame);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                fail("a witness's connection failed: " + e);
            }
        }
    }

    private void onEchoerFrame(ServerFrame frame) throws IOException {
        if (frame instanceof Message m && m.from().equals(PROBER) && m.text().startsWith("probe ")) {
            send(echoer, new Send(ids.getAndIncrement(), PROBER, "echo " + m.text().substring(6)));
        }
    }

    private void onProberFrame(ServerFrame frame) {
        if (frame instanceof Message m && m.from().equals(ECHOER) && m.text().startsWith("echo ")) {
            Long sentAt = outstanding.remove(Integer.parseInt(m.text().substring(5)));
            if (sentAt == null) {
                fail("an echo arrived twice or unasked: " + m.text());
                return;
            }
            if (sentAt - timedFrom >= 0) {
                maxRoundTrip.accumulateAndGet(System.nanoTime() - sentAt, Math::max);
            }
            echoes.incrementAndGet();
        }
    }

    private static void send(TestClient client, ClientFrame frame) throws IOException {
        synchronized (client) {
            client.send(frame);
        }
    }

    private void fail(String why) {
        failure.compareAndSet(null, why);
    }

    @Override
    public void close() throws IOException {
        stopped = true;
        closing = true;
        sending.interrupt();
        prober.close();
        echoer.close();
    }
}
