package dev.chat.daemon;

import dev.chat.daemon.ConfigFile.ConfigException;
import dev.chat.daemon.cluster.ClusterSettings;
import dev.chat.daemon.irc.IrcSettings;
import dev.chat.daemon.store.Retention;
import dev.chat.wire.Limits;
import dev.chat.daemon.store.StoreException;
import dev.chat.daemon.tls.TlsIdentity;
import dev.chat.daemon.tls.TlsSettings;
import dev.chat.daemon.tls.TlsSetupException;
import dev.chat.daemon.transfer.ImpairmentSettings;
import dev.chat.daemon.transfer.TransferSettings;
import dev.chat.wire.udp.RudpWire;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.SocketException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code chatd}: the command line of the chat daemon. Options come from flags, then a
 * {@code --config} file, then the defaults. Runs until SIGTERM or SIGINT ({@link StopSignals}),
 * then shuts down gracefully and exits 0.
 */
@Command(name = "chatd", mixinStandardHelpOptions = true, version = DaemonConfig.SERVER, sortOptions = false,
        subcommands = AccountCommand.class,
        description = {"Terminal chat daemon: JSON lines for clients, plain text for nc and telnet.",
                "Every option can also be set in a --config file: key = the long option name without dashes."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:stopped cleanly (SIGTERM/SIGINT), or --help, --version, --print-config",
                "1:failed at start-up for another reason (see the message)",
                "2:bad command line (unknown flag, invalid flag value)",
                "3:bad configuration file (unreadable, unknown key, invalid value)",
                "4:cannot listen (port in use, address not available, permission)",
                "5:the files folder is missing, not a folder, or unreadable",
                "6:the TLS certificate or key is missing or unusable (--tls-cert, --tls-key, --data-dir)",
                "7:the database in --data-dir cannot be opened, or a newer chatd wrote it",
                "70:the JVM failed (an OutOfMemoryError or another VirtualMachineError in any thread)",
                "130/143:a second SIGINT/SIGTERM during shutdown: stopped at once"})
public final class Chatd implements Callable<Integer> {
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_CONFIG = 3;
    static final int EXIT_LISTEN = 4;
    static final int EXIT_FILES = 5;
    static final int EXIT_TLS = 6;
    static final int EXIT_STORE = 7;

    private static final System.Logger LOG = System.getLogger(Chatd.class.getName());

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with options (key=value, keys as below without dashes); flags override it.")
    Path config;

    @Option(names = "--print-config", description = "Print the effective configuration in the file's format and exit.")
    boolean printConfig;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "13337", description = "TCP and UDP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--files", defaultValue = "./files", description = "Shared files folder (default: ${DEFAULT-VALUE}).")
    Path files;

    @Option(names = "--max-clients", defaultValue = "10000", description = "Connections at once (default: ${DEFAULT-VALUE}).")
    int maxClients;

    @Option(names = "--max-per-source", defaultValue = "16",
            description = "Connections one address (IPv6: one /64) may hold at once (default: ${DEFAULT-VALUE}).")
    int maxPerSource;

    @Option(names = "--new-per-source", defaultValue = "32",
            description = "Connections one address may open per --new-window; a download's data connection "
                    + "counts only until it claims its grant (default: ${DEFAULT-VALUE}).")
    int newPerSource;

    @Option(names = "--new-window", defaultValue = "600",
            description = "Seconds of the --new-per-source window (default: ${DEFAULT-VALUE}).")
    int newWindow;

    @Option(names = "--source-share", defaultValue = "0.05",
            description = "Largest share of --max-clients one address may hold, 0..1 (default: ${DEFAULT-VALUE}).")
    double sourceShare;

    @Option(names = "--transfers-per-source", defaultValue = "32",
            description = "Downloads all sessions of one address may hold at once (default: ${DEFAULT-VALUE}).")
    int transfersPerSource;

    @Option(names = "--exempt", defaultValue = "none", paramLabel = "CIDR[,CIDR...]",
            description = "Address blocks exempt from the per-source limits, e.g. 127.0.0.0/8,::1/128; none by default.")
    String exempt;

    @Option(names = "--fd-limit", defaultValue = "0",
            description = "File descriptors chatd may use, 0 = the process's limit; beyond it, less headroom, "
                    + "connections get SERVER_FULL and downloads TOO_MANY_TRANSFERS (default: ${DEFAULT-VALUE}).")
    long fdLimit;

    @Option(names = "--send-queue", defaultValue = "1048576",
            description = "Bytes a connection's own queue (replies, privates) holds before it is kicked as not "
                    + "reading (default: ${DEFAULT-VALUE}).")
    long sendQueue;

    @Option(names = "--send-queue-soft", defaultValue = "262144",
            description = "Over this many queued bytes, senders of private messages and pages wait for the reader "
                    + "(default: ${DEFAULT-VALUE}).")
    long sendQueueSoft;

    @Option(names = "--stall-timeout", defaultValue = "15",
            description = "Seconds a reader may make no progress (or keep a sender waiting) before it is kicked "
                    + "(default: ${DEFAULT-VALUE}).")
    int stallTimeout;

    @Option(names = "--room-buffer", defaultValue = "67108864",
            description = "Bytes of room events kept for readers that are behind; over it broadcasters wait "
                    + "(default: ${DEFAULT-VALUE}).")
    long roomBuffer;

    @Option(names = "--memory-budget", defaultValue = "268435456",
            description = "Bytes of undelivered frames in all queues and the room together; over it senders wait "
                    + "(default: ${DEFAULT-VALUE}).")
    long memoryBudget;

    @Option(names = "--fanout-rate", defaultValue = "4194304",
            description = "Bytes x recipients a sender's messages may cost per second; over it its socket goes unread "
                    + "until paid (fakelag), 0 = off (default: ${DEFAULT-VALUE}).")
    long fanoutRate;

    @Option(names = "--fanout-burst", defaultValue = "8388608",
            description = "Bytes x recipients a sender may cost at once (default: ${DEFAULT-VALUE}).")
    long fanoutBurst;

    @Option(names = "--socket-send-buffer", defaultValue = "65536",
            description = "SO_SNDBUF of chat sockets, so slow readers hold bounded kernel memory; 0 = the kernel's "
                    + "(default: ${DEFAULT-VALUE}).")
    int socketSendBuffer;

    @Option(names = "--idle-timeout", defaultValue = "60",
            description = "Seconds of silence before a session is dropped; pinged at half (default: ${DEFAULT-VALUE}).")
    int idleTimeout;

    @Option(names = "--text-idle-timeout", defaultValue = "300",
            description = "Seconds a text-mode (nc) session may send nothing before it is dropped; "
                    + "an empty line keeps it (default: ${DEFAULT-VALUE}).")
    int textIdleTimeout;

    @Option(names = "--rate-limit", defaultValue = "20",
            description = "Inbound frames per second per connection, 0 = off (default: ${DEFAULT-VALUE}).")
    double rateLimit;

    @Option(names = "--rate-burst", defaultValue = "50", description = "Frames a connection may send at once (default: ${DEFAULT-VALUE}).")
    int rateBurst;

    @Option(names = "--grace", defaultValue = "5",
            description = "Seconds running transfers may take to finish at shutdown before they are aborted (default: ${DEFAULT-VALUE}).")
    double grace;

    @Option(names = "--max-transfers", defaultValue = "8",
            description = "Downloads a session may hold at once (default: ${DEFAULT-VALUE}).")
    int maxTransfers;

    @Option(names = "--udp-payload", defaultValue = "1200",
            description = "Largest UDP payload in bytes, 16..65000 (default: ${DEFAULT-VALUE}).")
    int udpPayload;

    @Option(names = "--udp-loss", defaultValue = "0", description = "Impairment: drop this share of UDP datagrams, 0..1.")
    double udpLoss;

    @Option(names = "--udp-dup", defaultValue = "0", description = "Impairment: duplicate this share of UDP datagrams.")
    double udpDup;

    @Option(names = "--udp-reorder", defaultValue = "0", description = "Impairment: hold back this share 1..4 ms.")
    double udpReorder;

    @Option(names = "--udp-delay", defaultValue = "0", description = "Impairment: delay every UDP datagram this many ms.")
    int udpDelay;

    @Option(names = "--udp-corrupt", defaultValue = "0", description = "Impairment: flip a bit in this share of datagrams.")
    double udpCorrupt;

    @Option(names = "--impair-seed", defaultValue = "1", description = "Seed of the impairment decisions (default: ${DEFAULT-VALUE}).")
    long impairSeed;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder of chatd's state: the database (accounts, history) and its self-signed TLS"
                    + " certificate (default: $XDG_DATA_HOME/chatd, else ~/.local/share/chatd; here ${DEFAULT-VALUE}).")
    Path dataDir = DaemonConfig.defaultDataDir(System.getenv(), System.getProperty("user.home"));

    @Option(names = "--store", defaultValue = "sqlite", paramLabel = "KIND",
            description = "Where accounts and history live: sqlite (the database in --data-dir, durable) or memory"
                    + " (nothing written to disk, all lost at exit; for measurements; default: ${DEFAULT-VALUE}).")
    String store;

    @Option(names = "--history-days", defaultValue = "30",
            description = "Days of history kept; older messages are pruned (default: ${DEFAULT-VALUE}).")
    int historyDays;

    @Option(names = "--history-max-messages", defaultValue = "100000",
            description = "Messages kept at most, rooms and privates together; the oldest are pruned"
                    + " (default: ${DEFAULT-VALUE}).")
    long historyMaxMessages;

    @Option(names = "--name-grace", defaultValue = "60",
            description = "Seconds a vanished session's name stays held for its resume token (0: not held;"
                    + " default: ${DEFAULT-VALUE}).")
    int nameGrace;

    @Option(names = "--history-on-join", defaultValue = "50",
            description = "Room messages, and own private messages, a joining client gets (0..1000, default: ${DEFAULT-VALUE}).")
    int historyOnJoin;

    @Option(names = "--plaintext-login", description = "Accept passwords on plaintext connections from loopback"
            + " addresses (default: over TLS only, PLAINTEXT_LOGIN).")
    boolean plaintextLogin;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM certificate chain, leaf first (certbot's fullchain.pem); default: a self-signed one in --data-dir.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "PEM private key of --tls-cert: PKCS#8, RSA or EC, unencrypted (certbot's privkey.pem).")
    Path tlsKey;

    @Option(names = "--tls-required", description = "Refuse plaintext connections (TLS_REQUIRED); default: TLS and plaintext on one port.")
    boolean tlsRequired;

    @Option(names = "--fingerprint", description = "Print the TLS certificate's SHA-256 fingerprint (making the self-signed one if needed) and exit.")
    boolean fingerprint;

    @Option(names = "--irc", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Serve IRC clients on the chat port: a first line CAP, NICK, USER or PASS selects IRC"
                    + " (default: on; --no-irc: off, such lines are text mode).")
    boolean irc;

    @Option(names = "--irc-channel", defaultValue = "#chat", paramLabel = "CHANNEL",
            description = "The channel IRC clients see the room as (default: ${DEFAULT-VALUE}).")
    String ircChannel;

    @Option(names = "--irc-topic", defaultValue = "chatd: the room of everyone online", paramLabel = "TEXT",
            description = "The IRC channel's topic, read-only for clients (empty: none; default: ${DEFAULT-VALUE}).")
    String ircTopic;

    @Option(names = "--irc-server-name", defaultValue = "chatd", paramLabel = "NAME",
            description = "The server name IRC clients see in numerics (default: ${DEFAULT-VALUE}).")
    String ircServerName;

    @Option(names = "--udp-any-source", description = "Accept a UDP download's handshake from any address, not only the "
            + "chat connection's (NAT that changes it); a retry cookie still proves the address first.")
    boolean udpAnySource;

    @Option(names = "--redis", paramLabel = "redis://HOST:PORT[/DB]",
            description = "Join the cluster of chatd nodes sharing this Redis: names, presence, messages, history and"
                    + " accounts live there (--data-dir then holds only the TLS certificate). Default: none, the node"
                    + " is alone.")
    String redis;

    @Option(names = "--node-id", paramLabel = "ID",
            description = "This node's name in the cluster: unique, stable across restarts; letters, digits, '.', '-',"
                    + " '_' (default: host name and port).")
    String nodeId;

    @Option(names = "--cluster-ttl", defaultValue = "10",
            description = "Seconds a node's heartbeat and name claims live unrefreshed: a dead node's users are"
                    + " announced as left, and its names freed, within about 1.2 x this (default: ${DEFAULT-VALUE}).")
    double clusterTtl;

    @Option(names = "--log-level", defaultValue = "info",
            description = "error, warn, info, debug or trace (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private ConfigFile configFile;

    /** Exit status when the JVM itself fails: a daemon with a dead accept or UDP thread must not live on. */
    static final int JVM_FAILED = 70;

    public static void main(String[] args) {
        Thread.setDefaultUncaughtExceptionHandler(Chatd::uncaught);
        System.exit(new CommandLine(new Chatd()).execute(args));
    }

    /**
     * A thread died of something nobody caught. A {@link VirtualMachineError} (out of memory, stack
     * overflow) may have killed any thread, the accept loop or the UDP driver included, so the
     * daemon halts with {@link #JVM_FAILED} rather than stay up serving nothing; systemd restarts it.
     */
    private static void uncaught(Thread thread, Throwable e) {
        System.getLogger(Chatd.class.getName()).log(System.Logger.Level.ERROR, "thread " + thread.getName() + " died", e);
        if (e instanceof VirtualMachineError) {
            Runtime.getRuntime().halt(JVM_FAILED);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        DaemonConfig daemonConfig;
        try {
            if (config != null) {
                configFile = ConfigFile.load(config);
                configFile.applyTo(spec, spec.commandLine().getParseResult());
            }
            validate();
            if (printConfig) {
                printConfig(spec.commandLine().getOut());
                return 0;
            }
            LogSetup.configure(LogSetup.parseLevel(logLevel));
            daemonConfig = buildConfig();
            if (fingerprint) {
                return printFingerprint(daemonConfig, err);
            }
        } catch (ConfigException e) {
            err.println("chatd: " + e.getMessage());
            return EXIT_CONFIG;
        } catch (InvalidValue e) {
            err.println("chatd: " + e.getMessage());
            return e.fromFile ? EXIT_CONFIG : EXIT_USAGE;
        }
        return run(daemonConfig, err);
    }

    private IrcSettings ircSettings() {
        return new IrcSettings(irc, ircChannel, ircTopic, ircServerName);
    }

    private DaemonConfig buildConfig() {
        return DaemonConfig.builder().bind(bind).port(port).files(files).maxClients(maxClients)
                .idleTimeout(Duration.ofSeconds(idleTimeout)).textIdleTimeout(Duration.ofSeconds(textIdleTimeout)).rateLimit(rateLimit, rateBurst)
                .shutdownGrace(Duration.ofMillis(Math.round(grace * 1000)))
                .sources(new SourceLimits(maxPerSource, newPerSource, Duration.ofSeconds(newWindow), sourceShare,
                        transfersPerSource, exemptBlocks()))
                .fdLimit(fdLimit)
                .delivery(new DeliveryLimits(DeliveryLimits.DEFAULTS.queueFrames(), sendQueue, sendQueueSoft,
                        Duration.ofSeconds(stallTimeout), roomBuffer, memoryBudget, fanoutRate, fanoutBurst,
                        socketSendBuffer))
                .transfers(TransferSettings.DEFAULTS.withMaxPerSession(maxTransfers).withUdpPayload(udpPayload)
                        .withImpairment(new ImpairmentSettings(udpLoss, udpDup, udpReorder, udpDelay, udpCorrupt,
                                impairSeed)).withUdpAnySource(udpAnySource))
                .dataDir(dataDir).storeInMemory("memory".equals(store)).history(new Retention(Duration.ofDays(historyDays), historyMaxMessages))
                .tls(new TlsSettings(tlsCert, tlsKey, tlsRequired))
                .irc(ircSettings())
                .accounts(AccountSettings.DEFAULTS.withNameGrace(Duration.ofSeconds(nameGrace))
                        .withHistoryOnJoin(historyOnJoin).withPlaintextLogin(plaintextLogin))
                .cluster(clusterSettings())
                .build();
    }

    /** The --redis cluster, or null; validate() has checked every part already. */
    private ClusterSettings clusterSettings() {
        if (redis == null) {
            return null;
        }
        return ClusterSettings.parse(redis, nodeId != null ? nodeId : defaultNodeId(),
                Duration.ofMillis(Math.round(clusterTtl * 1000)));
    }

    /** The host's name and the port: unique among nodes on distinct hosts or ports. */
    private String defaultNodeId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "node";
        }
        String id = host.replaceAll("[^A-Za-z0-9._-]", "-") + "-" + port;
        return id.length() <= 64 ? id : id.substring(id.length() - 64);
    }

    private java.util.List<Cidr> exemptBlocks() {
        return exempt.strip().equals("none") ? java.util.List.of() : Cidr.parseList(exempt);
    }

    private int run(DaemonConfig daemonConfig, PrintWriter err) throws InterruptedException {
        ChatServer server;
        try {
            server = new ChatServer(daemonConfig);
        } catch (StoreException e) {
            err.println("chatd: " + (daemonConfig.cluster() != null ? "the cluster's Redis at " + daemonConfig.cluster().uri()
                    : "the database in " + daemonConfig.dataDir()) + " cannot be used: " + e.getMessage());
            return EXIT_STORE;
        }
        int failure = start(server, err);
        if (failure != 0) {
            return failure;
        }
        StopSignals.install(server::close);
        spec.commandLine().getOut().println(DaemonConfig.SERVER + " listening on " + bind + ":" + server.port()
                + ", serving " + server.filesRoot());
        spec.commandLine().getOut().println("TLS certificate fingerprint " + server.tlsFingerprint()
                + (daemonConfig.tls().required() ? " (plaintext refused)" : " (plaintext allowed)"));
        LOG.log(Level.INFO, "TLS certificate fingerprint " + server.tlsFingerprint());
        spec.commandLine().getOut().flush();
        server.awaitClosed();
        LOG.log(Level.INFO, "chatd exits");
        return 0;
    }

    /** {@code --fingerprint}: the certificate's fingerprint on stdout, made first if it is the self-signed one. */
    private int printFingerprint(DaemonConfig daemonConfig, PrintWriter err) {
        try {
            spec.commandLine().getOut().println(TlsIdentity.load(daemonConfig.tls(), daemonConfig.dataDir()).fingerprint());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (TlsSetupException e) {
            err.println("chatd: TLS: " + e.getMessage());
            return EXIT_TLS;
        }
    }

    /** Starts the server; 0, or the exit code after one clear line on {@code err}. */
    private int start(ChatServer server, PrintWriter err) {
        try {
            server.start();
            return 0;
        } catch (TlsSetupException e) {
            err.println("chatd: TLS: " + e.getMessage());
            return EXIT_TLS;
        } catch (BindException e) {
            err.println("chatd: cannot listen on " + bind + ":" + port + ": " + e.getMessage()
                    + " (is another chatd running? try --port)");
            return EXIT_LISTEN;
        } catch (UnresolvedAddressException e) {
            err.println("chatd: cannot listen on " + bind + ":" + port + ": unknown address (check --bind)");
            return EXIT_LISTEN;
        } catch (NoSuchFileException | NotDirectoryException e) {
            err.println("chatd: the files folder " + files.toAbsolutePath().normalize()
                    + " does not exist or is not a folder (create it or pass --files)");
            return EXIT_FILES;
        } catch (AccessDeniedException e) {
            err.println("chatd: cannot read the files folder " + files.toAbsolutePath().normalize()
                    + " (permission denied: the daemon's user needs read and search access)");
            return EXIT_FILES;
        } catch (SocketException e) {
            err.println("chatd: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            return EXIT_LISTEN;
        } catch (IOException e) {
            err.println("chatd: cannot start: " + e);
            return EXIT_FAILURE;
        }
    }

    /** Range checks, naming the flag or the file's key that set a bad value. */
    private void validate() {
        check("bind", !bind.isBlank(), "an address or host name");
        check("port", port >= 0 && port <= 65535, "0..65535");
        check("files", !files.toString().isEmpty(), "a folder");
        check("max-clients", maxClients >= 1, "at least 1");
        check("max-per-source", maxPerSource >= 1, "at least 1");
        check("new-per-source", newPerSource >= 1, "at least 1");
        check("new-window", newWindow >= 1, "at least 1 second");
        check("source-share", sourceShare > 0 && sourceShare <= 1, "a share above 0, at most 1");
        check("transfers-per-source", transfersPerSource >= 1, "at least 1");
        check("exempt", validBlocks(), "none, or address blocks such as 127.0.0.0/8,::1/128");
        check("fd-limit", fdLimit >= 0, "0 (the process's limit) or more");
        check("idle-timeout", idleTimeout >= 1, "at least 1 second");
        check("text-idle-timeout", textIdleTimeout >= 1, "at least 1 second");
        check("send-queue", sendQueue > Limits.MAX_LINE_BYTES, "more than one line (" + Limits.MAX_LINE_BYTES + " bytes)");
        check("send-queue-soft", sendQueueSoft >= 1 && sendQueueSoft <= sendQueue, "1..send-queue bytes");
        check("stall-timeout", stallTimeout >= 1, "at least 1 second");
        check("room-buffer", roomBuffer >= Limits.MAX_LINE_BYTES, "at least one line (" + Limits.MAX_LINE_BYTES + " bytes)");
        check("memory-budget", memoryBudget >= roomBuffer, "at least room-buffer");
        check("fanout-rate", fanoutRate >= 0, "0 (off) or more");
        check("fanout-burst", fanoutBurst >= 0, "0 or more");
        check("socket-send-buffer", socketSendBuffer >= 0, "0 (the kernel's) or more");
        check("rate-limit", rateLimit >= 0, "0 or more frames per second");
        check("rate-burst", rateBurst >= 1, "at least 1");
        check("grace", grace >= 0 && grace <= 3600, "0..3600 seconds");
        check("max-transfers", maxTransfers >= 1, "at least 1");
        check("udp-payload", udpPayload >= RudpWire.MIN_PAYLOAD && udpPayload <= RudpWire.MAX_PAYLOAD,
                RudpWire.MIN_PAYLOAD + ".." + RudpWire.MAX_PAYLOAD + " bytes");
        check("udp-loss", udpLoss >= 0 && udpLoss < 1, "a share 0..1, below 1");
        check("udp-dup", udpDup >= 0 && udpDup <= 1, "a share 0..1");
        check("udp-reorder", udpReorder >= 0 && udpReorder <= 1, "a share 0..1");
        check("udp-delay", udpDelay >= 0 && udpDelay <= 10_000, "0..10000 ms");
        check("udp-corrupt", udpCorrupt >= 0 && udpCorrupt <= 1, "a share 0..1");
        boolean levelOk;
        try {
            LogSetup.parseLevel(logLevel);
            levelOk = true;
        } catch (IllegalArgumentException e) {
            levelOk = false;
        }
        check("log-level", levelOk, "error, warn, info, debug or trace");
        check("data-dir", !dataDir.toString().isEmpty(), "a folder");
        check("store", "sqlite".equals(store) || "memory".equals(store), "sqlite or memory");
        check("history-days", historyDays >= 1 && historyDays <= 36_500, "1..36500 days");
        check("history-max-messages", historyMaxMessages >= 1, "at least 1");
        check("name-grace", nameGrace >= 0 && nameGrace <= 86_400, "0..86400 seconds");
        check("history-on-join", historyOnJoin >= 0 && historyOnJoin <= 1000, "0..1000");
        check("redis", redis == null || validCluster("redis"), "redis://HOST:PORT[/DB]");
        check("node-id", nodeId == null || validCluster("node-id"), "1..64 letters, digits, '.', '-' or '_'");
        check("cluster-ttl", clusterTtl >= 0.5 && clusterTtl <= 3600, "0.5..3600 seconds");
        check("tls-key", tlsKey != null || tlsCert == null, "a key file next to --tls-cert");
        check("tls-cert", tlsCert != null || tlsKey == null, "a certificate file next to --tls-key");
        check("irc-channel", IrcSettings.validChannel(ircChannel), "'#' and 1..49 printable ASCII characters, no ','");
        check("irc-server-name", IrcSettings.validServer(ircServerName), "1..63 letters, digits, '.' and '-'");
        check("irc-topic", IrcSettings.validTopic(ircTopic), "at most 300 characters, no control characters");
    }

    /** Whether --redis (or --node-id) parses; each is checked with a valid stand-in for the other. */
    private boolean validCluster(String which) {
        try {
            ClusterSettings.parse(which.equals("redis") ? redis : "redis://localhost",
                    which.equals("node-id") ? nodeId : "n", ClusterSettings.DEFAULT_TTL);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean validBlocks() {
        try {
            exemptBlocks();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void check(String key, boolean ok, String expected) {
        if (ok) {
            return;
        }
        OptionSpec option = spec.findOption("--" + key);
        boolean fromFlag = spec.commandLine().getParseResult().hasMatchedOption(option);
        boolean fromFile = !fromFlag && configFile != null && configFile.raw(key) != null;
        String value = String.valueOf((Object) option.getValue());
        String where = fromFile ? "for key '" + key + "' in " + configFile.path() : "for --" + key;
        throw new InvalidValue("invalid value '" + value + "' " + where + " (expected " + expected + ")", fromFile);
    }

    /** Every key the file format knows, with its effective value: redirect it into a config file. */
    private void printConfig(PrintWriter out) {
        out.println("# " + DaemonConfig.SERVER + " effective configuration"
                + (configFile == null ? "" : " (flags over " + configFile.path() + " over defaults)"));
        for (Map.Entry<String, OptionSpec> entry : ConfigFile.keys(spec).entrySet()) {
            Object value = entry.getValue().getValue();
            // An option without a default (tls-cert, tls-key) prints commented out: "null" would read back as a path.
            out.println(value == null ? "#" + entry.getKey() + "=" : entry.getKey() + "=" + escape(String.valueOf(value)));
        }
        out.flush();
    }

    /** Properties escaping for values: backslashes, and leading blanks that load() would drop. */
    private static String escape(String value) {
        String escaped = value.replace("\\", "\\\\");
        return escaped.startsWith(" ") ? "\\" + escaped : escaped;
    }

    /** A value out of range; {@code fromFile} decides between the usage and configuration exit codes. */
    private static final class InvalidValue extends RuntimeException {
        final boolean fromFile;

        InvalidValue(String message, boolean fromFile) {
            super(message);
            this.fromFile = fromFile;
        }
    }
}
