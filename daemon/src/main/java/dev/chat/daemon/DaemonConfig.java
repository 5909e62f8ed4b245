package dev.chat.daemon;

import dev.chat.daemon.cluster.ClusterSettings;
import dev.chat.daemon.irc.IrcSettings;
import dev.chat.daemon.store.Retention;
import dev.chat.daemon.tls.TlsSettings;
import dev.chat.daemon.transfer.TransferSettings;
import dev.chat.wire.Limits;
import dev.chat.wire.frame.ServerLimits;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the daemon can be told. {@link #builder()} starts from the documented defaults; tests
 * shorten the timeouts and bounds through it.
 *
 * @param bind          address to listen on
 * @param port          TCP port, 0 for any free one
 * @param files         the shared files folder
 * @param maxClients    connections admitted at once; more get {@code SERVER_FULL}
 * @param idleTimeout   silence after which a JSON session is pinged (at half) and dropped
 * @param rateLimit     inbound frames per second a connection may sustain, 0 for no limit
 * @param rateBurst     frames a connection may send at once
 * @param helloTimeout  time to the first complete line
 * @param joinTimeout   time from connecting to having joined
 * @param delivery      bounds of outbound queues, the room, the memory budget and fan-out
 * @param drainTimeout  how long a closing connection's input is drained so a last error survives
 * @param shutdownGrace how long {@code close()} lets running transfers finish before aborting them
 * @param zone          time zone of text-mode timestamps
 * @param transfers     download limits, UDP payload and impairment
 * @param sources       what one source address may hold and open ({@link SourceLimits})
 * @param fdLimit       file descriptors the daemon may use, 0 for the process's own limit
 * @param textIdleTimeout input silence after which a text-mode session is dropped (it gets no pings)
 * @param dataDir       where the daemon keeps state: the database (accounts, history) and its
 *                      self-signed TLS certificate; null for none (tests, embedded daemons): then
 *                      nothing is kept (a self-signed certificate lives in memory only). The
 *                      command line's default is {@link #defaultDataDir}
 * @param history       how much history is kept
 * @param tls           certificate files and whether plaintext is refused
 * @param accounts      name holds, history replayed on join, where passwords are accepted
 * @param irc           whether IRC clients are served, the channel they see and its topic
 * @param cluster       the Redis this node shares with other nodes, or null: the node is alone
 *                      (its history and accounts in {@code dataDir})
 * @param storeInMemory keep accounts and history in memory only, even with a {@code dataDir}
 *                      (nothing is written to disk; measurements of what the database costs)
 */
public record DaemonConfig(String bind, int port, Path files, int maxClients, Duration idleTimeout,
                           double rateLimit, int rateBurst, Duration helloTimeout, Duration joinTimeout,
                           DeliveryLimits delivery, Duration drainTimeout, Duration shutdownGrace,
                           ZoneId zone, TransferSettings transfers, SourceLimits sources, long fdLimit,
                           Duration textIdleTimeout, Path dataDir, Retention history, TlsSettings tls,
                           AccountSettings accounts, IrcSettings irc, ClusterSettings cluster,
                           boolean storeInMemory) {
    public static final String VERSION = "0.1.0";
    public static final String SERVER = "chatd " + VERSION;

    public DaemonConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(transfers, "transfers");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(sources, "sources");
        if (fdLimit < 0) {
            throw new IllegalArgumentException("the descriptor limit must be 0 (the process's) or more");
        }
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(irc, "irc");
        requirePositive("idle timeout", idleTimeout);
        requirePositive("text idle timeout", textIdleTimeout);
        requirePositive("hello timeout", helloTimeout);
        requirePositive("join timeout", joinTimeout);
        requirePositive("drain timeout", drainTimeout);
        if (shutdownGrace == null || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdown grace must be 0 or more");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        if (maxClients < 1 || delivery.queueBytes() < Limits.MAX_LINE_BYTES + 1) {
            throw new IllegalArgumentException("max clients and queue bounds must allow at least one client and line");
        }
        if (rateLimit < 0 || (rateLimit > 0 && rateBurst < 1)) {
            throw new IllegalArgumentException("rate limit must be >= 0 and burst >= 1");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What {@code welcome} tells clients. */
    public ServerLimits limits() {
        return new ServerLimits(Limits.MAX_LINE_BYTES, Limits.MAX_TEXT_BYTES, Limits.MAX_NAME_CODE_POINTS,
                rateLimit, rateBurst, (int) Math.max(1, idleTimeout.toSeconds()));
    }

    /**
     * {@code $XDG_DATA_HOME/chatd}, else {@code ~/.local/share/chatd} (the XDG default). A relative
     * {@code XDG_DATA_HOME} is ignored, as the XDG spec says.
     */
    public static Path defaultDataDir(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "chatd");
        }
        return Path.of(userHome, ".local", "share", "chatd");
    }

    private static void requirePositive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }

    /** Defaults as documented for {@code chatd}. */
    public static final class Builder {
        private String bind = "0.0.0.0";
        private int port = 13337;
        private Path files = Path.of("files");
        private int maxClients = 10_000;
        private Duration idleTimeout = Duration.ofSeconds(60);
        private double rateLimit = 20;
        private int rateBurst = 50;
        private Duration helloTimeout = Duration.ofSeconds(10);
        private Duration joinTimeout = Duration.ofSeconds(60);
        private DeliveryLimits delivery = DeliveryLimits.DEFAULTS;
        private Duration drainTimeout = Duration.ofSeconds(1);
        private Duration shutdownGrace = Duration.ofSeconds(5);
        private ZoneId zone = ZoneId.systemDefault();
        private TransferSettings transfers = TransferSettings.DEFAULTS;
        private SourceLimits sources = SourceLimits.DEFAULTS;
        private long fdLimit;
        private IrcSettings irc = IrcSettings.DEFAULTS;
        private Duration textIdleTimeout = Duration.ofSeconds(300);
        private Path dataDir;
        private Retention history = Retention.DEFAULTS;
        private TlsSettings tls = TlsSettings.DEFAULTS;
        private AccountSettings accounts = AccountSettings.DEFAULTS;
        private ClusterSettings cluster;
        private boolean storeInMemory;

        private Builder() {
        }

        public Builder bind(String value) {
            bind = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder files(Path value) {
            files = value;
            return this;
        }

        public Builder maxClients(int value) {
            maxClients = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        public Builder rateLimit(double perSecond, int burst) {
            rateLimit = perSecond;
            rateBurst = burst;
            return this;
        }

        public Builder helloTimeout(Duration value) {
            helloTimeout = value;
            return this;
        }

        public Builder joinTimeout(Duration value) {
            joinTimeout = value;
            return this;
        }

        public Builder queueBounds(int frames, long bytes) {
            delivery = delivery.withQueue(frames, bytes);
            return this;
        }

        public Builder delivery(DeliveryLimits value) {
            delivery = value;
            return this;
        }

        public Builder drainTimeout(Duration value) {
            drainTimeout = value;
            return this;
        }

        public Builder shutdownGrace(Duration value) {
            shutdownGrace = value;
            return this;
        }

        public Builder zone(ZoneId value) {
            zone = value;
            return this;
        }

        public Builder transfers(TransferSettings value) {
            transfers = value;
            return this;
        }

        public Builder sources(SourceLimits value) {
            sources = value;
            return this;
        }

        public Builder textIdleTimeout(Duration value) {
            textIdleTimeout = value;
            return this;
        }

        public Builder fdLimit(long value) {
            fdLimit = value;
            return this;
        }

        public Builder dataDir(Path value) {
            dataDir = value;
            return this;
        }

        public Builder history(Retention value) {
            history = value;
            return this;
        }

        public Builder tls(TlsSettings value) {
            tls = value;
            return this;
        }

        public Builder irc(IrcSettings value) {
            irc = value;
            return this;
        }

        public Builder accounts(AccountSettings value) {
            accounts = value;
            return this;
        }

        public Builder cluster(ClusterSettings value) {
            cluster = value;
            return this;
        }

        public Builder storeInMemory(boolean value) {
            storeInMemory = value;
            return this;
        }

        public DaemonConfig build() {
            return new DaemonConfig(bind, port, files, maxClients, idleTimeout, rateLimit, rateBurst,
                    helloTimeout, joinTimeout, delivery, drainTimeout, shutdownGrace, zone, transfers,
                    sources, fdLimit, textIdleTimeout, dataDir, history, tls, accounts, irc, cluster,
                    storeInMemory);
        }
    }
}
