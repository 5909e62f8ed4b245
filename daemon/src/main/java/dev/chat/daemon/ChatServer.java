package dev.chat.daemon;

import dev.chat.daemon.cluster.Cluster;
import dev.chat.daemon.cluster.RedisCluster;
import dev.chat.daemon.store.Accounts;
import dev.chat.daemon.store.ChatStore;
import dev.chat.daemon.store.LoginThrottle;
import dev.chat.daemon.store.MemoryStore;
import dev.chat.daemon.store.PasswordHasher;
import dev.chat.daemon.store.RedisStore;
import dev.chat.daemon.store.SqliteStore;
import dev.chat.daemon.store.StoreException;
import dev.chat.daemon.store.StoreSettings;
import dev.chat.daemon.tls.ServerTls;
import dev.chat.daemon.tls.TlsIdentity;
import dev.chat.daemon.transfer.FileHasher;
import dev.chat.daemon.transfer.SharedFolder;
import dev.chat.daemon.transfer.TransferService;
import dev.chat.wire.ErrorCode;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Objects;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chat daemon: listens, admits up to {@code maxClients} connections, at most a per-source
 * budget of them from one address ({@link SourceBudgets}), and runs each on its own virtual thread
 * ({@link ClientConnection}). Over a source's budget a connection gets {@code TOO_MANY_CONNECTIONS},
 * over the global limit or out of descriptors {@code SERVER_FULL}, and is closed ({@link Refuser}). {@link #start()} and {@link #close()} may be called from any thread; the accept
 * loop runs on its own thread.
 */
public final class ChatServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChatServer.class.getName());
    /** Exactly the text of PROTOCOL.md 4.1; the limit itself goes to the log, not to strangers. */
    static final String SERVER_FULL_MESSAGE = "the server is full";

    private final DaemonConfig config;
    private final UserRegistry registry;
    private final Router router;
    private final MemoryBudget budget;
    private final FileCatalog files;
    private final DaemonContext context;
    private final ExecutorService hashPool;
    private final TransferService transfers;
    private final Semaphore permits;
    private final SourceBudgets sources;
    private final Refuser refuser;
    private final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Cluster cluster;
    private final ChatStore store;
    private final PasswordHasher passwords;
    private volatile ServerSocketChannel serverSocket;
    private volatile ServerTls tls;
    private volatile boolean closing;

    public ChatServer(DaemonConfig config) {
        this.config = config;
        RedisCluster redis = config.cluster() == null ? null : RedisCluster.open(config.cluster());
        this.cluster = redis == null ? Cluster.standalone() : redis;
        this.store = redis == null ? openStore(config) : new RedisStore(redis.redis(), config.history(),
                InstantSource.system(), StoreSettings.DEFAULTS.maxOfflinePerRecipient());
        this.passwords = new PasswordHasher(2, 64, config.accounts().argon2());
        this.registry = new UserRegistry(DaemonConfig.SERVER, config.limits(), config.delivery().roomBytes(),
                new History(store, config.accounts().historyOnJoin()), config.accounts().nameGrace(), System::nanoTime,
                cluster);
        this.budget = new MemoryBudget(config.delivery().memoryBytes(), registry.room()::sampledRetainedBytes);
        this.router = new Router(registry, System::currentTimeMillis);
        this.hashPool = Executors.newFixedThreadPool(config.transfers().hashThreads(), r -> {
            Thread t = new Thread(r, "chatd-hash");
            t.setDaemon(true);
            return t;
        });
        SharedFolder folder = new SharedFolder(config.files());
        FileHasher hasher = new FileHasher(hashPool, folder::openReal);
        this.files = new FileCatalog(config.files(), hasher);
        this.transfers = new TransferService(config.transfers(), folder, hasher);
        this.permits = new Semaphore(config.maxClients());
        this.sources = new SourceBudgets(config.sources(), config.maxClients(), FdBudget.forProcess(config.fdLimit()),
                System::nanoTime);
        this.refuser = new Refuser(config.drainTimeout(), config.zone());
        Logins logins = new Logins(store, new Accounts(store, passwords, LoginThrottle.ergo(InstantSource.system()),
                InstantSource.system()), config.accounts().plaintextLogin());
        this.context = new DaemonContext(config, registry, router, files, transfers, budget, logins);
    }

    /**
     * Binds and starts accepting.
     *
     * @throws NoSuchFileException or {@link NotDirectoryException} when the files folder is missing,
     *         {@link java.nio.file.AccessDeniedException} when it cannot be listed
     * @throws java.net.BindException when the address is in use
     */
    public synchronized ChatServer start() throws IOException {
        if (serverSocket != null) {
            throw new IllegalStateException("already started");
        }
        if (!Files.exists(files.root())) {
            throw new NoSuchFileException(files.root().toString(), null, "the files folder does not exist");
        }
        if (!Files.isDirectory(files.root())) {
            throw new NotDirectoryException(files.root().toString());
        }
        if (!Files.isReadable(files.root()) || !Files.isExecutable(files.root())) {
            throw new java.nio.file.AccessDeniedException(files.root().toString());
        }
        // A channel-backed listener, so that data connections can use FileChannel.transferTo (zero copy).
        ServerSocketChannel socket = ServerSocketChannel.open();
        ServerTls serverTls = null;
        try {
            socket.socket().setReuseAddress(true);
            socket.bind(new InetSocketAddress(config.bind(), config.port()), 1024);
            // After binding: a daemon that cannot listen should not make a certificate first.
            serverTls = new ServerTls(TlsIdentity.load(config.tls(), config.dataDir()), config.tls().required());
            InetSocketAddress bound = (InetSocketAddress) socket.getLocalAddress();
            transfers.start(new InetSocketAddress(bound.getAddress(), bound.getPort()));
        } catch (IOException e) {
            socket.close();
            if (serverTls != null) {
                serverTls.close();
            }
            throw e;
        }
        tls = serverTls;
        cluster.start(new ClusterBridge(registry)); // before the first connection: a join needs the stream position
        registry.appliedUpTo(cluster.lastApplied());
        serverSocket = socket;
        Thread.ofPlatform().name("chatd-accept").daemon(true).start(this::acceptLoop);
        Thread.ofVirtual().name("chatd-watchdog").start(this::watchdogLoop);
        return this;
    }

    /** Kicks the readers that hold others back (see {@link DeliveryWatchdog}) until the server closes. */
    private void watchdogLoop() {
        DeliveryWatchdog watchdog = new DeliveryWatchdog(
                () -> connections.stream().map(ClientConnection::outbox).filter(Objects::nonNull).iterator(),
                registry.room(), config.delivery(), System::nanoTime);
        try {
            while (!closed.await(DeliveryWatchdog.PERIOD.toMillis(), TimeUnit.MILLISECONDS)) {
                watchdog.check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the delivery watchdog failed", e);
        }
    }

    /** The bound port (useful after binding port 0). */
    public int port() {
        return serverSocket.socket().getLocalPort();
    }

    /** The fingerprint of the TLS certificate served ({@code SHA256:...}, PROTOCOL.md 1.1). */
    public String tlsFingerprint() {
        return tls.fingerprint();
    }

    /** The absolute files folder served. */
    public java.nio.file.Path filesRoot() {
        return files.root();
    }

    /** Connections open now (admitted, not yet cleaned up). */
    int connectionCount() {
        return connections.size();
    }

    /** Bytes queued on connections now (room events not counted); for tests and diagnostics. */
    long queuedBytes() {
        return budget.queuedBytes();
    }

    UserRegistry registry() {
        return registry;
    }

    /** Downloads streaming now (TCP data connections and UDP transfers). */
    public int activeTransfers() {
        return transfers.activeTransfers();
    }

    /** For tests: the download service. */
    TransferService transfers() {
        return transfers;
    }

    /**
     * Graceful shutdown: stops accepting connections and new downloads, tells every session the
     * server is shutting down (each closes after its queue drains), lets running TCP and UDP
     * transfers finish within the shutdown grace, then aborts what is left and closes everything.
     * Idempotent; a second call while the first runs returns at once.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (serverSocket == null) { // never started
                closing = true;
                closeStore();
                closed.countDown();
                return;
            }
            if (closing) {
                return; // the first call finishes the job and releases awaitClosed()
            }
            closing = true;
        }
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "closing the listener: " + e);
        }
        transfers.drain();
        registry.closeAll();
        connections.forEach(ClientConnection::shutdown);
        int running = transfers.activeTransfers();
        LOG.log(Level.INFO, "shutting down: " + connections.size() + " connections told, " + running
                + " transfers running, grace " + config.shutdownGrace().toMillis() + " ms");
        if (!awaitIdle(config.shutdownGrace())) {
            LOG.log(Level.INFO, "grace period over: aborting " + transfers.activeTransfers() + " transfers and "
                    + connections.size() + " connections");
            transfers.abortAll();
            connections.forEach(ClientConnection::forceClose);
            awaitIdle(config.drainTimeout()); // the UDP RESETs go out, the connection threads clean up
        }
        transfers.close();
        tls.close();
        hashPool.shutdownNow();
        closeStore();
        LOG.log(Level.INFO, "chatd stopped");
        closed.countDown();
    }

    /**
     * The database in the data folder, or a store in memory when the daemon keeps nothing (tests,
     * embedded daemons, {@code --store memory}).
     *
     * @throws StoreException when the database cannot be opened or is newer than this daemon
     */
    private static ChatStore openStore(DaemonConfig config) {
        if (config.dataDir() == null || config.storeInMemory()) {
            return new MemoryStore(config.history(), InstantSource.system(),
                    StoreSettings.DEFAULTS.maxOfflinePerRecipient());
        }
        return SqliteStore.open(config.dataDir(), StoreSettings.DEFAULTS.withRetention(config.history()));
    }

    /** Every session has ended: what is queued is committed, then the database (and the cluster) released. */
    private void closeStore() {
        passwords.close();
        store.close();
        cluster.close();
    }

    /** Waits until no connection is open and no transfer runs; false if {@code limit} passed first. */
    private boolean awaitIdle(java.time.Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!connections.isEmpty() || transfers.activeTransfers() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    private void acceptLoop() {
        ServerSocketChannel listener = serverSocket;
        while (!closing) {
            Socket socket;
            try {
                socket = listener.accept().socket();
            } catch (IOException e) {
                if (closing) {
                    break;
                }
                LOG.log(Level.WARNING, "accept failed: " + e);
                pause(); // e.g. out of file descriptors: do not spin
                continue;
            }
            admit(socket);
        }
    }

    /**
     * Accept thread: the source's budgets first (so one host's flood is refused as such), then the
     * global limit. Never blocks: a refusal is handed to the {@link Refuser}.
     */
    private void admit(Socket socket) {
        if (closing) {
            refuser.refuse(socket, ErrorCode.SERVER_FULL, "the server is shutting down");
            return;
        }
        SourceBudgets.Ticket ticket;
        switch (sources.admit(socket.getInetAddress())) {
            case SourceBudgets.Refused refused -> {
                refuser.refuse(socket, refused.fds() ? ErrorCode.SERVER_FULL : ErrorCode.TOO_MANY_CONNECTIONS,
                        refused.reason());
                return;
            }
            case SourceBudgets.Admitted admitted -> ticket = admitted.ticket();
        }
        if (!permits.tryAcquire()) {
            ticket.close();
            LOG.log(Level.INFO, "refused " + socket.getRemoteSocketAddress() + ": server full (" + config.maxClients()
                    + " connections)");
            refuser.refuse(socket, ErrorCode.SERVER_FULL, SERVER_FULL_MESSAGE);
            return;
        }
        start(socket, ticket);
    }

    private void start(Socket socket, SourceBudgets.Ticket ticket) {
        boolean started = false;
        ClientConnection[] self = new ClientConnection[1];
        try {
            self[0] = new ClientConnection(ids.incrementAndGet(), socket, context, tls, () -> {
                connections.remove(self[0]);
                permits.release();
                ticket.close();
            }, ticket);
            connections.add(self[0]);
            Thread.ofVirtual().name("chatd-conn-" + ids.get()).start(self[0]);
            started = true;
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "cannot start a connection", e);
        } finally {
            if (!started) {
                if (self[0] != null) {
                    connections.remove(self[0]);
                }
                permits.release();
                ticket.close();
                Sockets.closeQuietly(socket);
            }
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
