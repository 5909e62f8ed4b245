package dev.chat.daemon.cluster;

import dev.chat.daemon.store.RedisKeys;
import dev.chat.wire.frame.LeaveReason;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.params.XAddParams;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's pulse, every {@link ClusterSettings#heartbeat()} on its own thread: refreshes the
 * node's heartbeat key and its name claims (releasing those the core no longer owns), looks for
 * nodes whose heartbeat expired (their users are announced as left with {@code connection lost}
 * and their away states end; their claims expire by themselves), and after an outage makes the
 * node whole again before it reports the cluster {@link ClusterHealth#up up}: claims, presence and
 * away states written again, the id sequence raised to what this node has seen, the other nodes'
 * presence read afresh.
 */
final class Heartbeat implements Runnable {
    private static final System.Logger LOG = System.getLogger(Heartbeat.class.getName());
    /** Claims refreshed per script call: bounds one call's time inside Redis. */
    private static final int REFRESH_BATCH = 500;

    private final ClusterSettings settings;
    private final UnifiedJedis redis;
    private final ClaimBook claims;
    private final RemotePresence presence;
    private final ClusterHealth health;
    private final Cluster.Listener listener;
    private final AtomicLong lastApplied;
    private final CountDownLatch closed = new CountDownLatch(1);

    Heartbeat(ClusterSettings settings, UnifiedJedis redis, ClaimBook claims, RemotePresence presence,
              ClusterHealth health, Cluster.Listener listener, AtomicLong lastApplied) {
        this.settings = settings;
        this.redis = redis;
        this.claims = claims;
        this.presence = presence;
        this.health = health;
        this.listener = listener;
        this.lastApplied = lastApplied;
    }

    @Override
    public void run() {
        try {
            do {
                beat();
            } while (!closed.await(settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void close() {
        closed.countDown();
    }

    /** One round; a Redis failure marks the cluster down and waits for the next round. */
    void beat() {
        try {
            boolean recovering = !health.available();
            redis.set(RedisKeys.node(settings.nodeId()), Long.toString(System.currentTimeMillis()),
                    SetParams.setParams().px(settings.ttl().toMillis()));
            redis.sadd(RedisKeys.NODES, settings.nodeId());
            if (recovering) {
                restore();
            }
            refreshClaims();
            watchNodes();
            health.up();
        } catch (RuntimeException e) {
            health.down(e);
        }
    }

    /**
     * After an outage: this node's presence and away states again (announced again: a node that
     * read them while they were missing learns them back; one that did not, sees no change), and
     * the sequence no lower than any id seen.
     */
    private void restore() {
        Map<String, String> users = listener.localUsers();
        Map<String, String> away = new HashMap<>(listener.localAway());
        away.keySet().retainAll(users.keySet()); // one who left between the two reads is not away
        String presenceKey = RedisKeys.presence(settings.nodeId());
        String awayKey = RedisKeys.away(settings.nodeId());
        redis.del(presenceKey, awayKey);
        if (!users.isEmpty()) {
            redis.hset(presenceKey, users);
        }
        if (!away.isEmpty()) {
            redis.hset(awayKey, away);
        }
        users.forEach((key, name) -> announce(Map.of("k", "j", "n", settings.nodeId(), "key", key, "nm", name)));
        away.forEach((key, reason) -> announce(Map.of("k", "a", "n", settings.nodeId(), "key", key, "nm", users.get(key),
                "r", reason)));
        redis.eval(ClusterScripts.SEQUENCE_FLOOR, List.of(RedisKeys.SEQUENCE), List.of(Long.toString(lastApplied.get())));
        for (String node : presence.nodes()) {
            resync(node); // joins and leaves missed while away
        }
    }

    private void announce(Map<String, String> event) {
        redis.xadd(RedisKeys.EVENTS, XAddParams.xAddParams().approximateTrimming().maxLen(RedisCluster.STREAM_LENGTH),
                event);
    }

    private void refreshClaims() {
        List<Map.Entry<String, String>> live = new ArrayList<>();
        for (Map.Entry<String, String> claim : claims.snapshot().entrySet()) {
            if (listener.owns(claim.getKey())) {
                live.add(claim);
            } else if (claims.forget(claim.getKey(), claim.getValue())) {
                redis.eval(ClusterScripts.RELEASE, List.of(RedisKeys.name(claim.getKey())), List.of(claim.getValue()));
            }
        }
        for (int from = 0; from < live.size(); from += REFRESH_BATCH) {
            List<Map.Entry<String, String>> batch = live.subList(from, Math.min(live.size(), from + REFRESH_BATCH));
            List<String> keys = new ArrayList<>(batch.size());
            List<String> args = new ArrayList<>(batch.size() + 2);
            args.add(settings.nodeId());
            args.add(Long.toString(settings.ttl().toMillis()));
            for (Map.Entry<String, String> claim : batch) {
                keys.add(RedisKeys.name(claim.getKey()));
                args.add(claim.getValue());
            }
            List<?> owned = (List<?>) redis.eval(ClusterScripts.REFRESH, keys, args);
            for (int i = 0; i < batch.size(); i++) {
                if (((Long) owned.get(i)) == 0 && claims.forget(batch.get(i).getKey(), batch.get(i).getValue())) {
                    LOG.log(Level.INFO, "cluster: the name key '" + batch.get(i).getKey() + "' was taken over by another node");
                }
            }
        }
    }

    /** Drops nodes whose heartbeat expired; reads the users of nodes not seen before. */
    private void watchNodes() {
        for (String node : redis.smembers(RedisKeys.NODES)) {
            if (node.equals(settings.nodeId())) {
                continue;
            }
            if (!redis.exists(RedisKeys.node(node))) {
                buryNode(node);
            } else if (!presence.nodes().contains(node)) {
                resync(node);
            }
        }
    }

    private void buryNode(String node) {
        List<String> gone = presence.drop(node);
        if (!gone.isEmpty()) {
            LOG.log(Level.WARNING, "cluster: node " + node + " missed its heartbeat: " + gone.size()
                    + " users announced as left");
        }
        gone.forEach(name -> listener.remoteLeft(name, LeaveReason.CONNECTION_LOST));
        redis.del(RedisKeys.presence(node), RedisKeys.away(node));
        redis.srem(RedisKeys.NODES, node);
    }

    private void resync(String node) {
        if (!redis.exists(RedisKeys.node(node))) {
            buryNode(node);
            return;
        }
        for (RemotePresence.Change change : presence.replace(node, redis.hgetAll(RedisKeys.presence(node)))) {
            if (change.joined()) {
                listener.remoteJoined(change.name());
            } else {
                listener.remoteLeft(change.name(), LeaveReason.CONNECTION_LOST);
            }
        }
        for (RemotePresence.Away change : presence.replaceAway(node, redis.hgetAll(RedisKeys.away(node)))) {
            listener.remoteAway(change.name(), change.reason());
        }
    }
}
