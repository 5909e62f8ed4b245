package dev.chat.daemon.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a clustered node finds Redis and how it proves it is alive.
 *
 * @param host   Redis host
 * @param port   Redis port
 * @param db     Redis database number (the URI's path, 0 by default)
 * @param nodeId this node's name in the cluster: unique per node, stable across restarts
 * @param ttl    how long a node's heartbeat and its name claims live unrefreshed; a node that
 *               died is noticed, and its names freed, at most about {@code ttl + ttl/5} later.
 *               Refreshed every {@link #heartbeat()}.
 */
public record ClusterSettings(String host, int port, int db, String nodeId, Duration ttl) {
    /** Node ids go into Redis keys and log lines: letters, digits, dot, dash, underscore. */
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(10);

    public ClusterSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(ttl, "ttl");
        if (host.isBlank() || port < 1 || port > 65535 || db < 0) {
            throw new IllegalArgumentException("a Redis address is host:port with a database 0 or more");
        }
        if (nodeId == null || !NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("a node id is 1..64 letters, digits, '.', '-' or '_'");
        }
        if (ttl.toMillis() < 500) {
            throw new IllegalArgumentException("the cluster TTL must be at least 500 ms");
        }
    }

    /**
     * Parses {@code redis://HOST:PORT[/DB]} (the port defaults to 6379).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static ClusterSettings parse(String uri, String nodeId, Duration ttl) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI: " + e.getMessage());
        }
        if (!"redis".equals(parsed.getScheme()) || parsed.getHost() == null) {
            throw new IllegalArgumentException("expected redis://HOST:PORT[/DB]");
        }
        String path = parsed.getPath() == null ? "" : parsed.getPath().replaceFirst("^/", "");
        int db;
        try {
            db = path.isEmpty() ? 0 : Integer.parseInt(path);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the database after the port is a number, not '" + path + "'");
        }
        return new ClusterSettings(parsed.getHost(), parsed.getPort() < 0 ? 6379 : parsed.getPort(), db, nodeId, ttl);
    }

    /** How often the heartbeat and the claims are refreshed and dead nodes looked for. */
    public Duration heartbeat() {
        return ttl.dividedBy(5);
    }

    /** {@code redis://host:port/db}, for logs. */
    public String uri() {
        return "redis://" + host + ":" + port + "/" + db;
    }
}
