package dev.chat.daemon;

import dev.chat.wire.frame.Bye;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.Quit;
import dev.chat.wire.frame.Welcome;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A real daemon on a loopback port 0, two calm {@link Witnesses} talking through it, and the
 * checks every attack test (issue 12) ends with. Usage, a few lines per attack:
 *
 * <pre>{@code
 * @Test
 * @Timeout(60)
 * void aFloodOfXLeavesCalmUsersAlone(@TempDir Path files) throws Exception {
 *     try (AttackHarness harness = AttackHarness.start(files, config -> config.rateLimit(20, 50))) {
 *         TestClient attacker = harness.connect();   // or harness.join("mallory"); closed for you
 *         ... attack, bounded in count and time, asserting what the attacker gets ...
 *         harness.assertSurvived();
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #assertSurvived} closes the attackers, then asserts: no witness was kicked, got an
 * error or lost a message, and every witness round trip since the baseline stayed under
 * {@link #MAX_LATENCY}; a fresh client can still join and quit (the daemon is up and accepting);
 * platform threads, open fds ({@code /proc/self/fd}) and heap after GC come back near the
 * baseline taken before the attack (slack as in ChurnLeakTest). All
 * time bounds are multiplied by {@link #TIME_SCALE}, the one knob for slow machines.
 */
final class AttackHarness implements AutoCloseable {
    /**
     * Multiplies every time bound of the attack tests: system property {@code chat.test.timeScale}
     * or environment variable {@code CHAT_TEST_TIME_SCALE}; 1 by default.
     */
    static final double TIME_SCALE = timeScale();
    /** The slowest witness round trip allowed, scaled. */
    static final Duration MAX_LATENCY = scaled(Duration.ofMillis(500));
    /** Growth over the baseline that still counts as "back to baseline" (as in ChurnLeakTest). */
    static final int THREAD_SLACK = 4;
    static final long FD_SLACK = 16;
    static final long HEAP_SLACK = 16L << 20;

    /** Held so the setting is not garbage-collected: per-connection INFO lines would drown the output. */
    private static final Logger QUIET = Logger.getLogger("dev.chat");

    static {
        QUIET.setLevel(Level.WARNING);
    }

    private final ChatServer server;
    private final Witnesses witnesses;
    private final LeakProbe.Snapshot baseline;
    private final List<TestClient> attackers = new ArrayList<>();
    private final AtomicInteger fresh = new AtomicInteger();
    private boolean checked;

    private AttackHarness(ChatServer server) throws IOException {
        this.server = server;
        Witnesses started = null;
        try {
            started = new Witnesses(server.port());
            started.awaitRoundTrips(5, scaled(Duration.ofSeconds(5)));
            joinAndQuit(); // warms the join path, so its classes are in the baseline
        } catch (IOException | RuntimeException | Error e) {
            if (started != null) {
                started.close();
            }
            server.close();
            throw e;
        }
        this.witnesses = started;
        this.baseline = LeakProbe.Snapshot.take();
        started.timeFromNow();
    }

    /**
     * Starts a daemon serving {@code files} with the test defaults (loopback, port 0, short
     * drains) changed by {@code tune}, and the witnesses; takes the resource baseline.
     */
    static AttackHarness start(Path files, UnaryOperator<DaemonConfig.Builder> tune) throws IOException {
        DaemonConfig.Builder config = DaemonConfig.builder().bind("127.0.0.1").port(0).files(files)
                .drainTimeout(Duration.ofMillis(300)).shutdownGrace(Duration.ofMillis(500));
        ChatServer server = new ChatServer(tune.apply(config).build()).start();
        return new AttackHarness(server);
    }

    /** {@code bound} times {@link #TIME_SCALE}. */
    static Duration scaled(Duration bound) {
        return Duration.ofNanos(Math.round(bound.toNanos() * TIME_SCALE));
    }

    int port() {
        return server.port();
    }

    ChatServer server() {
        return server;
    }

    Witnesses witnesses() {
        return witnesses;
    }

    /** A raw attacker connection, closed by {@link #assertSurvived} or {@link #close}. */
    TestClient connect() throws IOException {
        return track(new TestClient(server.port()));
    }

    /** An attacker joined as {@code name} (not {@code witness-*}), closed like {@link #connect}'s. */
    TestClient join(String name) throws IOException {
        return track(TestClient.joined(server.port(), name));
    }

    /** A raw attacker connection from another loopback source (e.g. 127.0.0.2), closed like {@link #connect}'s. */
    TestClient connectFrom(InetAddress source) throws IOException {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), TestClient.READ_TIMEOUT_MILLIS);
            return track(new TestClient(socket));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** An attacker from {@code source} joined as {@code name}, closed like {@link #connect}'s. */
    TestClient joinFrom(InetAddress source, String name) throws IOException {
        TestClient client = connectFrom(source);
        client.send(new Hello(client.nextId(), name, 1, "test"));
        client.expect(Welcome.class);
        return client;
    }

    /** The second loopback source of the per-source tests; the witnesses talk from 127.0.0.1. */
    static InetAddress otherSource() {
        try {
            return InetAddress.getByName("127.0.0.2");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // a literal address is never looked up
        }
    }

    /** Hands a client the test made itself to the harness, to be closed before the checks. */
    TestClient track(TestClient client) {
        synchronized (attackers) {
            attackers.add(client);
        }
        return client;
    }

    /** The checks listed in the class comment; call once, after the attack. */
    void assertSurvived() throws IOException, InterruptedException {
        checked = true;
        closeAttackers();
        // The witnesses first: the resource probe's System.gc pauses would count as latency.
        witnesses.stopAndAssertCalm(MAX_LATENCY);
        joinAndQuit();
        awaitBaseline();
    }

    private void joinAndQuit() throws IOException {
        try (TestClient client = TestClient.joined(server.port(), "fresh-" + fresh.incrementAndGet())) {
            long id = client.nextId();
            client.send(new Quit(id));
            assertEquals(new Bye(id), client.expect(Bye.class));
        }
    }

    private void awaitBaseline() {
        AtomicReference<LeakProbe.Snapshot> last = new AtomicReference<>();
        try {
            await().atMost(scaled(Duration.ofSeconds(20))).pollInterval(Duration.ofMillis(250)).until(() -> {
                last.set(LeakProbe.Snapshot.take());
                return server.connectionCount() == 2 && nearBaseline(last.get());
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not back to baseline: " + server.connectionCount()
                    + " connections (the witnesses' 2 expected); baseline " + baseline + ", now " + last.get(), e);
        }
    }

    private boolean nearBaseline(LeakProbe.Snapshot now) {
        return now.threads() <= baseline.threads() + THREAD_SLACK
                && now.fds() <= baseline.fds() + FD_SLACK
                && now.heap() <= baseline.heap() + HEAP_SLACK;
    }

    private void closeAttackers() throws IOException {
        synchronized (attackers) {
            for (TestClient client : attackers) {
                client.close();
            }
            attackers.clear();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            closeAttackers();
            witnesses.close();
        } finally {
            server.close();
        }
        if (!checked) {
            throw new IllegalStateException("an attack test must end with assertSurvived()");
        }
    }

    private static double timeScale() {
        String value = System.getProperty("chat.test.timeScale", System.getenv("CHAT_TEST_TIME_SCALE"));
        if (value == null || value.isBlank()) {
            return 1;
        }
        double scale = Double.parseDouble(value.strip());
        if (!(scale > 0)) {
            throw new IllegalArgumentException("CHAT_TEST_TIME_SCALE must be positive: " + value);
        }
        return scale;
    }
}
