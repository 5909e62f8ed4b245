package dev.chat.daemon.cluster;

import dev.chat.daemon.store.RedisKeys;
import dev.chat.daemon.store.RedisRecords;
import dev.chat.daemon.store.StoreSettings;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.LeaveReason;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node of a cluster that shares one Redis: names claimed cluster-wide, presence, one numbered
 * stream of room messages, private messages, joins, leaves and away states, and (through
 * {@link dev.chat.daemon.store.RedisStore}) accounts and history.
 *
 * <p>Threads: the calling reader threads run {@link #claim}, {@link #post}, {@link #find} and
 * {@link #sendPrivate} against a connection pool and wait for Redis (about a loopback round
 * trip); {@link #joined}, {@link #away}, {@link #left} and {@link #abandon} go, in call order, through one
 * lane thread so no caller (a writer thread kicking its reader, say) waits on Redis; the
 * {@link EventReader} and the {@link Heartbeat} each run on their own thread and call the
 * {@link Cluster.Listener}.
 */
public final class RedisCluster implements Cluster {
    /** Entries the event stream keeps (about): enough for any node's reconnect, bounded memory. */
    static final long STREAM_LENGTH = 100_000;
    /** Reader threads talking to Redis at once; more wait (at most {@link #CALLER_WAIT}), then are refused. */
    static final int CALLERS = 64;
    private static final Duration CALLER_WAIT = Duration.ofSeconds(2);
    private static final System.Logger LOG = System.getLogger(RedisCluster.class.getName());
    private static final int MAX_OFFLINE = StoreSettings.DEFAULTS.maxOfflinePerRecipient();

    private final ClusterSettings settings;
    private final String node;
    private final UnifiedJedis redis;
    private final ClaimBook claims = new ClaimBook();
    private final RemotePresence presence = new RemotePresence();
    private final ClusterHealth health;
    private final AtomicLong lastApplied = new AtomicLong();
    private final Semaphore callers = new Semaphore(CALLERS);
    private final ExecutorService lane = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("chatd-cluster-lane").factory());
    private volatile Listener listener;
    private EventReader reader;
    private Heartbeat heartbeat;

    private RedisCluster(ClusterSettings settings, UnifiedJedis redis) {
        this.settings = settings;
        this.node = settings.nodeId();
        this.redis = redis;
        this.health = new ClusterHealth(settings.uri());
    }

    /** A pool of connections to the settings' Redis; nothing is sent before {@link #start}. */
    public static RedisCluster open(ClusterSettings settings) {
        return new RedisCluster(settings, RedisClient.builder()
                .hostAndPort(new HostAndPort(settings.host(), settings.port()))
                .clientConfig(clientConfig(settings, "chatd-" + settings.nodeId()))
                .poolConfig(poolConfig())
                .build());
    }

    /**
     * No cap in the pool itself: commons-pool2 2.13 parks virtual threads that find the pool at
     * its cap inside {@code create()} and, in our 100-joiner race, never woke them (all joins
     * hung). The callers bound themselves instead ({@link #CALLERS} here, the store's readers
     * there), so connections stay about that many; idle ones beyond {@code maxIdle} are closed.
     */
    static ConnectionPoolConfig poolConfig() {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(-1);
        pool.setMaxIdle(CALLERS);
        pool.setMaxWait(Duration.ofSeconds(2));
        return pool;
    }

    /** Short timeouts: a node without Redis must refuse at once, not hang its users' threads. */
    public static DefaultJedisClientConfig clientConfig(ClusterSettings settings, String clientName) {
        return DefaultJedisClientConfig.builder().database(settings.db()).clientName(clientName)
                .connectionTimeoutMillis(1000).socketTimeoutMillis(2000).build();
    }

    /** For {@link dev.chat.daemon.store.RedisStore} on the same Redis. */
    public UnifiedJedis redis() {
        return redis;
    }

    @Override
    public boolean clustered() {
        return true;
    }

    @Override
    public synchronized void start(Listener value) {
        listener = value;
        health.listen(value::status);
        reader = new EventReader(settings, presence, health, value, lastApplied);
        heartbeat = new Heartbeat(settings, redis, claims, presence, health, value, lastApplied);
        reader.start(); // its stream position first: no join may start before it
        heartbeat.beat();
        Thread.ofPlatform().name("chatd-cluster-events").daemon(true).start(reader);
        Thread.ofPlatform().name("chatd-cluster-heartbeat").daemon(true).start(heartbeat);
        LOG.log(Level.INFO, "cluster: node " + node + " on " + settings.uri() + (health.available() ? "" : " (not reachable yet)"));
    }

    @Override
    public Claim claim(String key, String name, String resume, long re) {
        if (!claims.begin(key)) {
            throw taken(name, re);
        }
        try {
            if (!health.available()) {
                if (listener.owns(key)) {
                    return new Claim(key, Claim.Kind.LOCAL, 0, null); // a resume here collides with nobody
                }
                throw unavailable("new names are refused until it is back", re);
            }
            String value = ClaimBook.value(node, null, lastApplied.get(), name);
            List<?> answer = (List<?>) call(() -> redis.eval(ClusterScripts.CLAIM, List.of(RedisKeys.name(key)),
                    List.of(node, Long.toString(settings.ttl().toMillis()), resume == null ? "" : resume, value)),
                    "the name cannot be claimed now", re);
            return switch ((String) answer.get(0)) {
                case "new" -> owned(new Claim(key, Claim.Kind.NEW, 0, value), value);
                case "local" -> new Claim(key, Claim.Kind.LOCAL, 0, null);
                case "resumed" -> owned(new Claim(key, Claim.Kind.RESUMED, Long.parseLong((String) answer.get(1)), value),
                        value);
                default -> throw taken(name, re);
            };
        } catch (RuntimeException e) {
            claims.end(key);
            throw e;
        }
    }

    private Claim owned(Claim claim, String value) {
        claims.own(claim.key(), value);
        return claim;
    }

    @Override
    public void joined(Claim claim, String name, String token, long since) {
        String key = claim.key();
        String value = ClaimBook.value(node, token, since, name);
        claims.own(key, value);
        claims.end(key);
        submit(() -> redis.eval(ClusterScripts.JOIN, List.of(RedisKeys.name(key), RedisKeys.presence(node), RedisKeys.EVENTS),
                List.of(node, value, Long.toString(settings.ttl().toMillis()), key, name, Long.toString(STREAM_LENGTH))));
    }

    @Override
    public void abandon(Claim claim) {
        claims.end(claim.key());
        if (claim.kind() != Claim.Kind.LOCAL && claims.forget(claim.key(), (String) claim.owner())) {
            submit(() -> redis.eval(ClusterScripts.RELEASE, List.of(RedisKeys.name(claim.key())),
                    List.of((String) claim.owner())));
        }
    }

    @Override
    public void left(String key, String name, LeaveReason reason, boolean held) {
        String value = held ? claims.value(key) : claims.forget(key);
        submit(() -> redis.eval(ClusterScripts.LEAVE, List.of(RedisKeys.name(key), RedisKeys.presence(node), RedisKeys.EVENTS,
                        RedisKeys.away(node)),
                List.of(node, value == null ? "" : value, key, name, reason.text(), held ? "1" : "0",
                        Long.toString(STREAM_LENGTH))));
    }

    @Override
    public void away(String key, String name, String reason) {
        submit(() -> redis.eval(ClusterScripts.AWAY, List.of(RedisKeys.presence(node), RedisKeys.away(node), RedisKeys.EVENTS),
                List.of(node, key, name, reason == null ? "" : reason, Long.toString(STREAM_LENGTH))));
    }

    @Override
    public Posted post(String fromKey, String from, String text, boolean action, long ts, long re) {
        requireUp("the message was not sent", re);
        Object id = call(() -> redis.eval(ClusterScripts.POST,
                List.of(RedisKeys.SEQUENCE, RedisKeys.EVENTS, RedisKeys.room(dev.chat.daemon.store.RedisStore.ROOM)),
                List.of(node, from, fromKey, text, Long.toString(ts), RedisRecords.roomTail(ts, from, text),
                        Long.toString(STREAM_LENGTH), flag(action))), "the message was not sent", re);
        return new Posted((Long) id, presence.count(), CompletableFuture.completedFuture(null));
    }

    @Override
    public Optional<Recipient> find(String toKey, long re) {
        String online = presence.name(toKey);
        if (online != null) {
            return Optional.of(new Recipient(online, Delivery.LIVE));
        }
        requireUp("the message was not sent", re);
        String claim = call(() -> redis.get(RedisKeys.name(toKey)), "the message was not sent", re);
        return claim == null ? Optional.empty() : Optional.of(new Recipient(claim.split("\t", 4)[3], Delivery.HELD));
    }

    @Override
    public Posted sendPrivate(String fromKey, String fromName, String toKey, String toName, String text,
                              boolean action, long ts, Delivery delivery, long re) {
        requireUp("the message was not sent", re);
        try {
            Object id = call(() -> redis.eval(ClusterScripts.PRIVATE,
                    List.of(RedisKeys.SEQUENCE, RedisKeys.EVENTS, RedisKeys.privates(fromKey), RedisKeys.privates(toKey),
                            RedisKeys.offline(toKey)),
                    List.of(node, fromName, toName, toKey, text, Long.toString(ts),
                            RedisRecords.privateTail(ts, fromKey, toKey, fromName, toName, text), Long.toString(STREAM_LENGTH),
                            delivery.name().toLowerCase(java.util.Locale.ROOT), Integer.toString(MAX_OFFLINE),
                            flag(action))),
                    "the message was not sent", re);
            return new Posted((Long) id, delivery == Delivery.LIVE ? 1 : 0, CompletableFuture.completedFuture(null));
        } catch (JedisDataException e) {
            if (String.valueOf(e.getMessage()).contains("OFFLINE_FULL")) {
                throw new ProtocolException(ErrorCode.STORE_FAILED, "the recipient has too many messages waiting", re);
            }
            throw e;
        }
    }

    @Override
    public long lastApplied() {
        return lastApplied.get();
    }

    @Override
    public List<String> remoteNames() {
        return presence.names();
    }

    @Override
    public Map<String, String> remoteAway() {
        return presence.awayNames();
    }

    @Override
    public boolean remoteOnline(String key) {
        return presence.online(key);
    }

    /** Whether Redis answered last time; for tests and the log. */
    public boolean available() {
        return health.available();
    }

    /**
     * Leaves the cluster cleanly: the other nodes are told this node's users left (the server is
     * shutting down) at once instead of after the TTL. The names' claims are left to expire by
     * their TTL: a client that fails over to another node meanwhile resumes with its token.
     */
    @Override
    public synchronized void close() {
        if (heartbeat != null) {
            heartbeat.close();
            reader.close();
        }
        lane.shutdown();
        try {
            lane.awaitTermination(2, TimeUnit.SECONDS);
            goodbye();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (JedisException e) {
            LOG.log(Level.WARNING, "cluster: could not say goodbye (the other nodes notice the missing heartbeat): " + e);
        } finally {
            redis.close();
        }
    }

    private void goodbye() {
        Map<String, String> users = redis.hgetAll(RedisKeys.presence(node));
        users.forEach((key, name) -> redis.eval(ClusterScripts.LEAVE,
                List.of(RedisKeys.name(key), RedisKeys.presence(node), RedisKeys.EVENTS, RedisKeys.away(node)),
                List.of(node, "", key, name, LeaveReason.SERVER_SHUTDOWN.text(), "0", Long.toString(STREAM_LENGTH))));
        redis.del(RedisKeys.node(node), RedisKeys.presence(node), RedisKeys.away(node));
        redis.srem(RedisKeys.NODES, node);
    }

    private static String flag(boolean action) {
        return action ? "1" : "0";
    }

    private void submit(Runnable write) {
        try {
            lane.execute(() -> {
                try {
                    write.run();
                } catch (JedisException e) {
                    health.down(e); // the heartbeat writes claims and presence again on recovery
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "cluster: closing, a presence write dropped");
        }
    }

    private <T> T call(java.util.function.Supplier<T> command, String what, long re) {
        try {
            if (!callers.tryAcquire(CALLER_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ProtocolException(ErrorCode.CLUSTER_UNAVAILABLE, "the cluster is busy: " + what, re);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProtocolException(ErrorCode.SHUTTING_DOWN, "the session is closing", re);
        }
        try {
            return command.get();
        } catch (JedisDataException e) {
            if (String.valueOf(e.getMessage()).contains("OFFLINE_FULL")) {
                throw e; // a script's own error: the caller maps it
            }
            health.down(e); // LOADING after a restart, BUSY, OOM: not now
            throw unavailable(what, re);
        } catch (JedisException e) {
            health.down(e);
            throw unavailable(what, re);
        } finally {
            callers.release();
        }
    }

    private void requireUp(String what, long re) {
        if (!health.available()) {
            throw unavailable(what, re);
        }
    }

    private static ProtocolException unavailable(String what, long re) {
        return new ProtocolException(ErrorCode.CLUSTER_UNAVAILABLE, "the cluster is unreachable: " + what, re);
    }

    private static ProtocolException taken(String name, long re) {
        return new ProtocolException(ErrorCode.NAME_TAKEN, "the name '" + name + "' is taken", re);
    }
}
