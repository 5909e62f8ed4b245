package dev.chat.daemon.cluster;

import dev.chat.daemon.store.RedisKeys;
import dev.chat.wire.Names;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's one reader of the cluster's event stream ({@link RedisKeys#EVENTS}), on its own
 * thread with its own connection (an {@code XREAD BLOCK} holds it). It applies every entry after
 * the last one it applied, in the stream's order, so a Redis restart or a lost connection loses
 * nothing the stream kept: it reconnects and goes on after the last entry it applied. Owns: the
 * connection, the stream position; writes {@link #lastApplied} and the remote presence.
 */
final class EventReader implements Runnable {
    private static final System.Logger LOG = System.getLogger(EventReader.class.getName());
    private static final int BLOCK_MS = 1000;
    private static final int BATCH = 512;

    private final ClusterSettings settings;
    private final RemotePresence presence;
    private final ClusterHealth health;
    private final Cluster.Listener listener;
    private final AtomicLong lastApplied;
    private volatile StreamEntryID position;
    private volatile boolean closed;
    private Jedis connection;

    EventReader(ClusterSettings settings, RemotePresence presence, ClusterHealth health, Cluster.Listener listener,
                AtomicLong lastApplied) {
        this.settings = settings;
        this.presence = presence;
        this.health = health;
        this.listener = listener;
        this.lastApplied = lastApplied;
    }

    /**
     * Reads where the node starts (before any thread runs): the highest id and the stream's last
     * entry, together. If Redis is away now, the first successful read does it.
     */
    void start() {
        try {
            connect();
            locate();
        } catch (RuntimeException e) {
            disconnect();
            health.down(e);
        }
    }

    @Override
    public void run() {
        while (!closed) {
            try {
                readOnce();
            } catch (RuntimeException e) {
                if (closed) {
                    break;
                }
                disconnect();
                health.down(e);
                pause();
            }
        }
        disconnect();
    }

    void close() {
        closed = true;
        disconnect();
    }

    private void connect() {
        if (connection == null) {
            connection = new Jedis(settings.host(), settings.port(), DefaultJedisClientConfig.builder()
                    .database(settings.db()).clientName("chatd-events-" + settings.nodeId())
                    .connectionTimeoutMillis(1000).socketTimeoutMillis(BLOCK_MS + 2000).build());
        }
    }

    private void locate() {
        List<?> at = (List<?>) connection.eval(ClusterScripts.POSITION, List.of(RedisKeys.SEQUENCE, RedisKeys.EVENTS),
                List.of());
        lastApplied.accumulateAndGet((Long) at.get(0), Math::max);
        position = new StreamEntryID((String) at.get(1));
    }

    private void readOnce() {
        connect();
        if (position == null) {
            locate();
        }
        List<Map.Entry<String, List<StreamEntry>>> read = connection.xread(
                XReadParams.xReadParams().block(BLOCK_MS).count(BATCH), Map.of(RedisKeys.EVENTS, position));
        if (read == null) {
            return;
        }
        for (Map.Entry<String, List<StreamEntry>> stream : read) {
            for (StreamEntry entry : stream.getValue()) {
                apply(entry.getFields());
                position = entry.getID();
            }
        }
    }

    /** One entry; a malformed one (another program's) is logged and skipped, never fatal. */
    private void apply(Map<String, String> f) {
        try {
            String node = f.get("n");
            boolean local = settings.nodeId().equals(node);
            switch (f.getOrDefault("k", "")) {
                case "m" -> {
                    long id = applied(f);
                    listener.roomMessage(new Message(f.get("f"), Names.ALL, f.get("x"), Long.parseLong(f.get("ts")),
                            id, null, action(f)), f.get("fk"), local);
                }
                case "p" -> {
                    long id = applied(f);
                    listener.privateMessage(f.get("tk"), new Message(f.get("f"), f.get("t"), f.get("x"),
                            Long.parseLong(f.get("ts")), id, null, action(f)));
                }
                case "a" -> {
                    String reason = f.get("r") == null || f.get("r").isEmpty() ? null : f.get("r");
                    if (!local && presence.away(node, f.get("key"), reason)) {
                        listener.remoteAway(f.get("nm"), reason);
                    }
                }
                case "j" -> {
                    if (!local && presence.join(node, f.get("key"), f.get("nm"))) {
                        listener.remoteJoined(f.get("nm"));
                    }
                }
                case "l" -> {
                    if (!local && presence.leave(node, f.get("key"))) {
                        listener.remoteLeft(f.get("nm"), reason(f.get("r")));
                    }
                }
                default -> LOG.log(Level.DEBUG, () -> "cluster: unknown event skipped: " + f);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cluster: malformed event skipped: " + e);
        }
    }

    private static boolean action(Map<String, String> f) {
        return "1".equals(f.get("a"));
    }

    private long applied(Map<String, String> f) {
        long id = Long.parseLong(f.get("id"));
        lastApplied.accumulateAndGet(id, Math::max);
        return id;
    }

    static LeaveReason reason(String text) {
        for (LeaveReason reason : LeaveReason.values()) {
            if (reason.text().equals(text)) {
                return reason;
            }
        }
        return LeaveReason.CONNECTION_LOST;
    }

    private synchronized void disconnect() {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "cluster: closing the event connection: " + e);
            }
            connection = null;
        }
    }

    private void pause() {
        try {
            Thread.sleep(settings.heartbeat().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }
}
