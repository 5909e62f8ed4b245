package dev.chat.daemon.store;

import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Debian's {@code redis-server}, started by a test on a free loopback port with its data in a
 * temporary folder; no persistence unless asked for (then AOF with {@code appendfsync always}, so
 * a restart keeps every acknowledged write). {@link #start} skips the test, saying why, when
 * redis-server is not installed ({@code .ci/run} installs it).
 */
public final class RedisServer implements AutoCloseable {
    private static final String BINARY = "redis-server";

    private final Path dir;
    private final boolean aof;
    private final int port;
    private Process process;

    private RedisServer(Path dir, boolean aof, int port) {
        this.dir = dir;
        this.aof = aof;
        this.port = port;
    }

    /** Starts one; the calling test is skipped when redis-server is missing. */
    public static RedisServer start(Path dir, boolean aof) throws IOException {
        Assumptions.assumeTrue(installed(), "redis-server is not installed (apt-get install redis-server): "
                + "the cluster tests need a real Redis and were skipped");
        RedisServer server = new RedisServer(dir, aof, freePort());
        server.launch();
        return server;
    }

    static boolean installed() {
        try {
            Process p = new ProcessBuilder(BINARY, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** A new connection (the caller closes it). */
    public Jedis connect() {
        return new Jedis("127.0.0.1", port);
    }

    /** Stops it (SIGKILL when {@code crash}, else SIGTERM: a clean shutdown) and waits until it is gone. */
    public void stop(boolean crash) throws InterruptedException {
        if (process == null) {
            return;
        }
        if (crash) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        process.waitFor(10, TimeUnit.SECONDS);
        process = null;
    }

    /** Starts it again on the same port and folder (with AOF: with the same data). */
    public void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--dir", dir.toString(), "--daemonize", "no", "--protected-mode", "no"));
        command.addAll(aof ? List.of("--appendonly", "yes", "--appendfsync", "always") : List.of("--appendonly", "no"));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dir.toFile(), "redis.log"))).start();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).ignoreExceptionsInstanceOf(JedisException.class)
                .until(() -> {
                    try (Jedis jedis = connect()) {
                        return "PONG".equals(jedis.ping());
                    }
                });
    }

    @Override
    public void close() throws InterruptedException {
        stop(true);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
