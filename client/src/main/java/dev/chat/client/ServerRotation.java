package dev.chat.client;

import java.util.List;
import java.util.Objects;

/**
 * The daemons that serve one chat (the nodes of a cluster, or just one), in the order given to
 * {@code --server}, and which of them a join goes to now. {@link #open} tries the current one
 * and, when it cannot be reached, each next one in turn; after a lost connection the client calls
 * {@link #failover} so that its rejoin starts with the next node (round robin) and comes back to
 * the one that was lost last. A rejoin presents the same resume point whichever node it reaches:
 * with nodes that share history, a failover misses nothing.
 *
 * <p>Threads: any; the position is guarded by this object's lock, never held across a connect.
 */
public final class ServerRotation {
    private final List<ServerAddress> servers;
    private int current;

    public ServerRotation(List<ServerAddress> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no server");
        }
        this.servers = List.copyOf(servers);
    }

    /** The one server of {@code options}. */
    public static ServerRotation of(ClientOptions options) {
        return new ServerRotation(List.of(new ServerAddress(options.host(), options.port())));
    }

    public int size() {
        return servers.size();
    }

    /** Where the next join goes. */
    public synchronized ServerAddress current() {
        return servers.get(current);
    }

    /** The connection to the current server was lost: the next join starts with the next one. */
    public synchronized ServerAddress failover() {
        current = (current + 1) % servers.size();
        return servers.get(current);
    }

    /**
     * Opens a connection to the current server ({@code options} with its host and port) or, when
     * it is unreachable, to the next reachable one, which becomes the current one. Each server is
     * tried once per call.
     *
     * @throws JoinException the last server's failure when none could be reached, or any other
     *                       failure (an untrusted certificate) at once
     */
    public Handshake open(ClientOptions options) throws JoinException {
        Objects.requireNonNull(options, "options");
        JoinException last = null;
        for (int tried = 0; tried < servers.size(); tried++) {
            ServerAddress server = tried == 0 ? current() : failover();
            try {
                return Handshake.open(options.withServer(server));
            } catch (JoinException e) {
                if (e.kind() != JoinException.Kind.UNREACHABLE) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    /** As given to {@code --server}: {@code a:13337,b:13337}. */
    @Override
    public String toString() {
        return String.join(",", servers.stream().map(ServerAddress::toString).toList());
    }
}
