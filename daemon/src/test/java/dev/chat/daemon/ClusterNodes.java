package dev.chat.daemon;

import dev.chat.daemon.cluster.ClusterSettings;
import dev.chat.daemon.store.RedisServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A test's redis-server and the chatd nodes (in this JVM) that share it, each on a free loopback
 * port; the cluster's TTL is short and scaled by the one test time scale. Closes everything.
 */
final class ClusterNodes implements AutoCloseable {
    /** Held so the setting is not garbage-collected: join and leave lines would drown test output. */
    private static final Logger QUIET = Logger.getLogger("dev.chat");
    /** Short enough for a test to see a node die; scaled for slow machines. */
    static final Duration TTL = AttackHarness.scaled(Duration.ofMillis(1500));

    static {
        QUIET.setLevel(Level.WARNING);
    }

    final RedisServer redis;
    private final Path files;
    private final List<ChatServer> nodes = new ArrayList<>();
    private final List<TestClient> clients = new ArrayList<>();

    private ClusterNodes(RedisServer redis, Path files) {
        this.redis = redis;
        this.files = files;
    }

    /** A redis-server in {@code dir} (skips the test when it is not installed), with AOF when {@code aof}. */
    static ClusterNodes start(Path dir, boolean aof) throws IOException {
        Path redisDir = Files.createDirectories(dir.resolve("redis"));
        return new ClusterNodes(RedisServer.start(redisDir, aof), Files.createDirectories(dir.resolve("files")));
    }

    DaemonConfig.Builder config(String nodeId) {
        return DaemonConfig.builder().bind("127.0.0.1").port(0).files(files).rateLimit(0, 1)
                .sources(SourceLimits.DEFAULTS.exemptAll())
                .drainTimeout(Duration.ofMillis(300)).shutdownGrace(Duration.ofMillis(300))
                .accounts(AccountSettings.DEFAULTS.withPlaintextLogin(true).withArgon2(TestLogins.CHEAP))
                .cluster(ClusterSettings.parse(redis.uri(), nodeId, TTL));
    }

    ChatServer node(String nodeId) throws IOException {
        return node(config(nodeId));
    }

    ChatServer node(DaemonConfig.Builder config) throws IOException {
        ChatServer server = new ChatServer(config.build()).start();
        nodes.add(server);
        return server;
    }

    TestClient join(ChatServer node, String name) throws IOException {
        return track(TestClient.joined(node.port(), name));
    }

    TestClient connect(ChatServer node) throws IOException {
        return track(new TestClient(node.port()));
    }

    TestClient track(TestClient client) {
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    @Override
    public void close() throws Exception {
        synchronized (clients) {
            for (TestClient client : clients) {
                client.close();
            }
        }
        for (ChatServer node : nodes) {
            node.close();
        }
        redis.close();
    }
}
