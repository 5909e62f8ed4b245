package dev.chat.daemon.transfer;

import dev.chat.daemon.transfer.SharedFolder.SharedFile;
import dev.chat.wire.ClientText;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.DataHeader;
import dev.chat.wire.frame.Download;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Fetch;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.TransferStats;
import dev.chat.wire.frame.Transport;
import dev.chat.wire.udp.RudpConfig;
import dev.chat.wire.udp.TransferFailure;
import dev.chat.wire.udp.TransferToken;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Downloads: grants them to sessions ({@link TransferSession#request}), serves TCP data connections
 * ({@link #claimTcp}, {@link #stream}) and runs the UDP endpoint on the TCP port's number.
 *
 * <p>Threads: download requests are handled on a fresh virtual thread each (hashing may take long;
 * the session's reader must not wait), which has the file opened on the small pool of platform
 * threads {@code chatd-open} (an open can block, see {@link NoFollowWalk}, and a blocked virtual
 * thread would pin a carrier) and waits for it at most {@value #OPEN_WAIT_SECONDS} s. The file is
 * opened once, at grant time: the grant keeps the channel and the TCP and UDP data paths read only
 * that channel, never the path again. TCP data runs on the data connection's own thread, UDP on the
 * endpoint's driver thread; one scheduler thread watches TCP streams for stalls and, every 250 ms,
 * sends the UDP senders' latest statistics to their sessions as {@code transfer_stats} events.
 */
public final class TransferService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TransferService.class.getName());
    /** Longest a download request waits for its file's hash. */
    private static final long HASH_WAIT_SECONDS = 600;
    /** Longest a download request waits for its file to open (a regular file opens in microseconds). */
    static final long OPEN_WAIT_SECONDS = 10;
    private static final int OPEN_THREADS = 4;
    private static final int OPEN_QUEUE = 64;

    private final TransferSettings settings;
    private final SharedFolder folder;
    private final FileHasher hasher;
    private final TransferRegistry registry;
    private final ScheduledExecutorService watchdog;
    private final ThreadPoolExecutor openPool;
    private final SenderStatsBoard stats = new SenderStatsBoard();
    private final java.util.concurrent.atomic.AtomicInteger tcpStreams = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean draining;
    private UdpEndpoint udp;
    private Thread udpThread;
    private int port;

    public TransferService(TransferSettings settings, SharedFolder folder, FileHasher hasher) {
        this.settings = settings;
        this.folder = folder;
        this.hasher = hasher;
        this.registry = new TransferRegistry(settings.maxPerSession(), settings.tokenTtl(), System::nanoTime,
                new SecureRandom());
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chatd-transfer-watchdog");
            t.setDaemon(true);
            return t;
        });
        this.openPool = new ThreadPoolExecutor(OPEN_THREADS, OPEN_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(OPEN_QUEUE), r -> Thread.ofPlatform().name("chatd-open").daemon(true).unstarted(r));
        openPool.allowCoreThreadTimeOut(true);
    }

    /** Binds the UDP endpoint to {@code address} (the TCP listener's address and port) and starts it. */
    public void start(InetSocketAddress address) throws IOException {
        RudpConfig config = RudpConfig.defaults().withPayloadSize(settings.udpPayload())
                .withIdleTimeout(settings.idleTimeout());
        udp = new UdpEndpoint(address, registry, config, new DatagramImpairer(settings.impairment()), this::udpFinished,
                stats, settings.udpAnySource());
        port = address.getPort();
        udpThread = Thread.ofPlatform().name("chatd-udp").daemon(true).start(udp);
        watchdog.scheduleWithFixedDelay(this::deliverStats, SenderStatsBoard.INTERVAL_NANOS,
                SenderStatsBoard.INTERVAL_NANOS, TimeUnit.NANOSECONDS);
    }

    /**
     * @param stats where this session's {@code transfer_stats} events go, from the service's timer
     *              thread; it must not block, and should drop them when the connection is busy
     */
    public TransferSession openSession(String who, Consumer<TransferStats> stats) {
        return openSession(who, null, SlotBudget.UNLIMITED, false, stats);
    }

    /**
     * @param peer      the chat connection's address: UDP handshakes for this session's grants must
     *                  come from it unless {@code --udp-any-source} (PROTOCOL.md §16.5)
     * @param budget    what each of the session's slots also costs (its source address, the descriptors)
     * @param encrypted the chat session runs over TLS: a plaintext fetch of its grants is refused
     */
    public TransferSession openSession(String who, java.net.InetAddress peer, SlotBudget budget, boolean encrypted,
                                       Consumer<TransferStats> stats) {
        return new TransferSession(this, who, peer, budget, encrypted, stats);
    }

    private void deliverStats() {
        try {
            stats.deliver();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot deliver transfer statistics", e); // a thrown task would stop the timer
        }
    }

    TransferSettings settings() {
        return settings;
    }

    /** Handles one {@code download} on a virtual thread; the answer goes to {@code reply}. */
    void request(TransferSession session, Download download, Consumer<ServerFrame> reply) {
        registry.reserve(session, session.budget(), download.id()); // TOO_MANY_TRANSFERS at once, on the reader
        Thread.ofVirtual().name("chatd-download-" + download.id()).start(() -> {
            try {
                reply.accept(grant(session, download));
            } catch (ProtocolException e) {
                registry.release(session);
                reply.accept(ErrorFrame.of(e));
            } catch (RuntimeException e) {
                registry.release(session);
                LOG.log(Level.WARNING, session.who() + " download failed", e);
                reply.accept(new ErrorFrame(download.id(), ErrorCode.FILE_NOT_FOUND, "cannot read the file"));
            }
        });
    }

    private DownloadReady grant(TransferSession session, Download download) {
        SharedFile file = open(session, download);
        try {
            return grant(session, download, file);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** Opens the file on the open pool; FILE_NOT_FOUND when it is not shared, or does not open in time. */
    private SharedFile open(TransferSession session, Download download) {
        CompletableFuture<SharedFile> opening;
        try {
            opening = CompletableFuture.supplyAsync(() -> folder.open(download.name(), download.id()), openPool);
        } catch (RejectedExecutionException e) {
            throw new ProtocolException(ErrorCode.FILE_NOT_FOUND, "too many files opening; try again", download.id());
        }
        try {
            return opening.get(OPEN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            opening.thenAccept(SharedFile::close); // if it ever opens, nobody wants it
            LOG.log(Level.WARNING, session.who() + " download of '" + ClientText.echo(download.name())
                    + "' did not open within " + OPEN_WAIT_SECONDS + " s (a FIFO?)");
            throw new ProtocolException(ErrorCode.FILE_NOT_FOUND, "the file did not open", download.id());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProtocolException refusal) {
                throw refusal;
            }
            throw new ProtocolException(ErrorCode.FILE_NOT_FOUND, "cannot open the file", download.id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            opening.thenAccept(SharedFile::close);
            throw new ProtocolException(ErrorCode.FILE_NOT_FOUND, "interrupted", download.id());
        }
    }

    /** Hashes the opened file and grants it; the registry owns the file once this returns. */
    private DownloadReady grant(TransferSession session, Download download, SharedFile file) {
        String name = ClientText.echo(file.name());
        if (download.offset() > file.size()) {
            throw new ProtocolException(ErrorCode.BAD_OFFSET, "offset " + download.offset()
                    + " lies beyond the end of '" + name + "' (" + file.size() + " bytes)", download.id());
        }
        String sha256;
        try {
            sha256 = hasher.sha256(file).get(HASH_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException | TimeoutException e) {
            throw new ProtocolException(ErrorCode.FILE_NOT_FOUND, "cannot read '" + name + "'", download.id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProtocolException(ErrorCode.FILE_NOT_FOUND, "interrupted", download.id());
        }
        if (session.isClosed()) {
            throw new ProtocolException(ErrorCode.BAD_TOKEN, "the session ended", download.id());
        }
        Grant grant;
        try {
            grant = registry.grant(session, file, sha256, download.offset(), download.protocol());
        } catch (ProtocolException e) {
            throw e.withRe(download.id()); // the daemon began shutting down while the file was hashed
        }
        LOG.log(Level.INFO, session.who() + " granted " + download.protocol().wireName() + " download of '" + name
                + "' from " + download.offset() + " as transfer " + grant.transfer());
        return new DownloadReady(download.id(), grant.transfer(), file.name(), file.size(), sha256,
                download.offset(), download.protocol(), grant.token().toHex(), port, grant.udpKey());
    }

    /**
     * Claims the TCP grant a data connection presents and returns the header to send before the bytes.
     *
     * @param encrypted whether the data connection runs over TLS
     * @throws ProtocolException BAD_TOKEN when no such grant is waiting; TLS_REQUIRED when a grant made
     *         on a TLS session is fetched in plaintext: the token was seen on the wire, so it is spent
     */
    public TcpFetch claimTcp(Fetch fetch, boolean encrypted) {
        TransferToken token;
        try {
            token = TransferToken.fromHex(fetch.token());
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.BAD_TOKEN, "unknown, used or expired transfer token");
        }
        Grant grant = registry.claim(fetch.transfer(), token, Transport.TCP);
        TransferSession session = grant.session();
        if (session.encrypted() && !encrypted) {
            registry.finish(grant);
            throw new ProtocolException(ErrorCode.TLS_REQUIRED,
                    "transfer " + grant.transfer() + " was granted on a TLS session: fetch it over TLS (its token is now spent)");
        }
        return new TcpFetch(grant, new DataHeader(grant.transfer(), grant.offset(), grant.file().size() - grant.offset()),
                session);
    }

    /**
     * Sends the claimed file range on {@code channel} with {@code FileChannel.transferTo} (zero
     * copy), on the calling thread. A peer that takes nothing for the idle timeout, or the end of the
     * grant's session, closes the channel; the slot is freed however it ends.
     */
    public void stream(TcpFetch fetch, SocketChannel channel) {
        stream(fetch, channel, null);
    }

    /**
     * As {@link #stream(TcpFetch, SocketChannel)}, but the bytes go through {@code encrypted}, the TLS
     * stream over {@code channel} (copied through a buffer: TLS cannot use {@code transferTo});
     * {@code channel} is still what a stall or the session's end closes.
     */
    public void stream(TcpFetch fetch, SocketChannel channel, java.io.OutputStream encrypted) {
        tcpStreams.incrementAndGet();
        try {
            new TcpStreamer(fetch.grant(), channel, encrypted, watchdog, settings.idleTimeout(), fetch.session()).run();
        } finally {
            tcpStreams.decrementAndGet();
            registry.finish(fetch.grant());
        }
    }

    /**
     * Grants that expiry has looked at since start: proportional to the grants that expired, never
     * to the grants held times the claims made (tests of a flood of forged claims read it).
     */
    public long expiryChecks() {
        return registry.expiryChecks();
    }

    /** A claimed TCP fetch that will not be streamed (its header could not be sent): its slot and file go. */
    public void abandon(TcpFetch fetch) {
        registry.finish(fetch.grant());
    }

    /** A claimed TCP transfer: what to send first, and whose it is. */
    public record TcpFetch(Grant grant, DataHeader header, TransferSession session) {
    }

    /**
     * A session ended. Its unclaimed grants go; its running transfers stop, except while the daemon
     * drains: then they run on until they finish or {@link #abortAll} ends them after the grace.
     */
    void endSession(TransferSession session) {
        registry.endSession(session);
        if (udp != null && !draining) {
            udp.abort(session);
        }
    }

    /** True while the daemon drains: running transfers outlive their chat sessions. */
    boolean draining() {
        return draining;
    }

    /**
     * Shutdown, first step: no new downloads (requests refused, unclaimed tokens revoked); running
     * TCP and UDP transfers go on.
     */
    public void drain() {
        draining = true;
        registry.closeToNew();
    }

    /** Shutdown, after the grace: every UDP peer still receiving gets a RESET. TCP streams end when their sockets close. */
    public void abortAll() {
        if (udp != null) {
            udp.abortAll();
        }
    }

    private void udpFinished(Grant grant, Optional<TransferFailure> failure) {
        registry.finish(grant);
        String what = grant.session().who() + " UDP transfer " + grant.transfer();
        LOG.log(Level.INFO, failure.map(f -> what + " failed: " + f).orElse(what + " done"));
    }

    /** For tests: slots a session holds, UDP transfers running. */
    int slotsInUse(TransferSession session) {
        return registry.slotsInUse(session);
    }

    /** Transfers streaming now, TCP and UDP (approximate: the UDP count is read across threads). */
    public int activeTransfers() {
        return tcpStreams.get() + (udp == null ? 0 : udp.flowCount());
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        openPool.shutdownNow();
        if (udp != null) {
            udp.close();
            try {
                udpThread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
