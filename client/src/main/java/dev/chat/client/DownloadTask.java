package dev.chat.client;

import dev.chat.client.DownloadException.Reason;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.frame.TransferStats;
import dev.chat.wire.udp.ReceiverStats;
import dev.chat.wire.udp.RudpConfig;
import dev.chat.wire.udp.RudpWire;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One download: reserve the part file, ask the daemon (resuming from the part's length), fetch the
 * bytes over TCP or UDP, verify the whole file's SHA-256, and rename it into place. Runs on its own
 * platform thread (the UDP loop needs precise sleeps); progress goes to the listener from the
 * client's scheduler thread every 100 ms while it runs.
 */
final class DownloadTask implements DownloadHandle {
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** The shortest initial RTT a fast grant may set: below it a scheduling hiccup would repeat handshakes for nothing. */
    static final Duration MIN_INITIAL_RTT = Duration.ofMillis(2);
    private static final long PROGRESS_MILLIS = 100;

    /** Sends a {@code download} request: (offset) -> the daemon's grant. */
    interface Requester {
        CompletableFuture<DownloadReady> request(String name, TransferProtocol protocol, long offset);
    }

    private final String fileName;
    private final TransferProtocol protocol;
    private final Path directory;
    private final DownloadListener listener;
    private final Requester requester;
    private final TransferStatsRouter senderReports;
    private final InetAddress address;
    private final ScheduledExecutorService scheduler;
    private final CompletableFuture<DownloadResult> result = new CompletableFuture<>();
    private final AtomicLong done = new AtomicLong();
    private final ProgressMeter meter = new ProgressMeter();
    private volatile long total = -1;
    /** Download thread only: how long the grant took to arrive, an upper bound of the round trip. */
    private Duration grantRtt = Duration.ofSeconds(1);
    /** Why the download was stopped from outside (cancel, connection lost); null while it may run. */
    private volatile DownloadException stopped;
    /** The session's TLS: its TCP data connections are TLS too; null in plaintext. */
    private final ClientTls tls;
    private volatile TcpFetcher tcp;
    private volatile UdpFetcher udp;
    /** The daemon's latest report on its UDP sender; null before the first. */
    private volatile TransferStats senderStats;
    private volatile DownloadProgress latest = new DownloadProgress(0, -1, 0, null, null);

    DownloadTask(String fileName, TransferProtocol protocol, Path directory, DownloadListener listener,
                 Requester requester, TransferStatsRouter senderReports, InetAddress address, ClientTls tls,
                 ScheduledExecutorService scheduler) {
        this.tls = tls;
        this.fileName = fileName;
        this.senderReports = senderReports;
        this.protocol = protocol;
        this.directory = directory;
        this.listener = listener == null ? DownloadListener.NONE : listener;
        this.requester = requester;
        this.address = address;
        this.scheduler = scheduler;
    }

    void start() {
        ScheduledFuture<?> ticks = scheduler.scheduleAtFixedRate(this::tick, PROGRESS_MILLIS, PROGRESS_MILLIS,
                TimeUnit.MILLISECONDS);
        result.whenComplete((r, e) -> ticks.cancel(false));
        Thread.ofPlatform().daemon(true).name("chat-download-" + fileName).start(() -> {
            try {
                result.complete(run());
            } catch (DownloadException e) {
                result.completeExceptionally(stopped != null ? stopped : e);
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(stopped != null ? stopped : new DownloadException(Reason.LOCAL_IO, null,
                        "download of '" + fileName + "' failed: " + e.getMessage(), e));
            }
        });
    }

    private DownloadResult run() throws IOException, DownloadException {
        PartFile part;
        try {
            part = PartFile.open(directory, fileName);
        } catch (IllegalArgumentException e) {
            throw new DownloadException(Reason.LOCAL_IO, null, e.getMessage(), e);
        }
        try (part) {
            long offset = part.existingLength();
            DownloadReady ready;
            long asked = System.nanoTime();
            try {
                ready = await(requester.request(fileName, protocol, offset));
            } catch (DownloadException e) {
                if (offset == 0 || e.code() != ErrorCode.BAD_OFFSET) {
                    throw e;
                }
                part.discard(); // the part outgrew the file (it changed): start over
                offset = 0;
                asked = System.nanoTime();
                ready = await(requester.request(fileName, protocol, 0));
            }
            grantRtt = Duration.ofNanos(System.nanoTime() - asked);
            total = ready.size();
            done.set(ready.offset());
            String sha = fetchAndHash(part, ready);
            if (!sha.equals(ready.sha256())) {
                part.discard(); // its bytes are wrong somewhere: resuming it would fail again
                throw new DownloadException(Reason.VERIFICATION_FAILED, "SHA-256 of '" + fileName + "' is " + sha
                        + ", the daemon announced " + ready.sha256());
            }
            return new DownloadResult(part.commit(), ready.size(), sha, ready.offset());
        }
    }

    /** Fetches the rest of the file into the part and returns its SHA-256, hashed as it arrives. */
    private String fetchAndHash(PartFile part, DownloadReady ready) throws IOException, DownloadException {
        try (FileChannel file = FileChannel.open(part.part(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            file.truncate(ready.offset());
            checkCancelled();
            String sha = protocol == TransferProtocol.TCP ? fetchTcp(file, ready) : fetchUdp(part, file, ready);
            checkCancelled();
            return sha;
        }
    }

    /** TCP delivers in order: the bytes are hashed from the buffers they arrive in, on the writer's thread. */
    private String fetchTcp(FileChannel file, DownloadReady ready) throws IOException, DownloadException {
        try (HashingWriter writer = new HashingWriter(file, ready.offset())) {
            TcpFetcher fetcher = new TcpFetcher(address, tls, ready, IDLE_TIMEOUT, done);
            tcp = fetcher;
            if (stopped != null) {
                fetcher.cancel();
            }
            try {
                fetcher.fetch(writer);
            } catch (IOException e) {
                checkCancelled();
                throw new DownloadException(Reason.CONNECTION_LOST, null, "data connection: " + e.getMessage(), e);
            }
            return writer.finish();
        }
    }

    /** UDP chunks arrive out of order: a hasher follows the file's gap-free prefix from the page cache. */
    private String fetchUdp(PartFile part, FileChannel file, DownloadReady ready) throws IOException, DownloadException {
        try (PrefixHasher hasher = new PrefixHasher(part.part())) {
            UdpFetcher fetcher = new UdpFetcher(address, ready, udpConfig(grantRtt), done);
            udp = fetcher;
            hasher.follow(fetcher::contiguousEnd);
            if (stopped != null) {
                fetcher.cancel();
            }
            // Watching before the handshake: the daemon reports only once a handshake started the transfer.
            try (TransferStatsRouter.Watch watch = senderReports.watch(ready.transfer(), s -> senderStats = s)) {
                fetcher.fetch(file);
            }
            checkCancelled();
            return hasher.finish(ready.size());
        }
    }

    /**
     * 1200-byte payloads across a network; on loopback up to 65,000 (the daemon's --udp-payload caps
     * it). The initial RTT, which times the handshake's repeats (3 x it, doubling), is the time the
     * grant took to come back over the chat connection when that is below RFC 9002's 333 ms: the same
     * path plus the daemon's work, so an upper bound of the UDP round trip, as RFC 9002 §6.2.2 allows
     * for a path already measured. At 30 % loss each way a handshake round trip fails half the time,
     * and the handshake takes two (RETRY, then HANDSHAKE_ACK): with 1 s per repeat that cost ~2 s.
     */
    static RudpConfig udpConfig(InetAddress address, Duration grantRtt) {
        int payload = address.isLoopbackAddress() ? RudpWire.MAX_PAYLOAD : RudpWire.DEFAULT_PAYLOAD;
        RudpConfig config = RudpConfig.defaults().withIdleTimeout(IDLE_TIMEOUT);
        if (grantRtt.compareTo(config.initialRtt()) < 0) {
            config = config.withInitialRtt(grantRtt.compareTo(MIN_INITIAL_RTT) > 0 ? grantRtt : MIN_INITIAL_RTT);
        }
        return payload == config.payloadSize() ? config
                : config.withPayloadSize(payload).withReceiveWindow(Math.max(config.receiveWindow(), 64 * payload));
    }

    private RudpConfig udpConfig(Duration grantRtt) {
        return udpConfig(address, grantRtt);
    }

    private DownloadReady await(CompletableFuture<DownloadReady> reply) throws DownloadException {
        try {
            return reply.get();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ChatException chat) {
                throw new DownloadException(Reason.REFUSED, chat.code(), chat.getMessage(), chat);
            }
            throw new DownloadException(Reason.CONNECTION_LOST, null, "no grant: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException(Reason.CANCELLED, "interrupted");
        }
    }

    private void checkCancelled() throws DownloadException {
        DownloadException why = stopped;
        if (why != null) {
            throw why;
        }
    }

    private void tick() {
        DownloadProgress p = progress();
        try {
            listener.onProgress(p);
        } catch (RuntimeException e) {
            System.getLogger(DownloadTask.class.getName()).log(System.Logger.Level.WARNING, "progress listener failed", e);
        }
    }

    @Override
    public DownloadProgress progress() {
        long bytes = done.get();
        long size = total;
        double rate = meter.sample(bytes, System.nanoTime());
        UdpStats stats = null;
        UdpFetcher fetcher = udp;
        if (fetcher != null) {
            stats = udpStats(fetcher.stats(), senderStats);
        }
        latest = new DownloadProgress(bytes, size, rate, size < 0 ? null : ProgressMeter.eta(size - bytes, rate), stats);
        return latest;
    }

    /** The sender's view from the daemon's latest report, the out-of-order count from our receiver. */
    private static UdpStats udpStats(ReceiverStats receiver, TransferStats sender) {
        long outOfOrder = receiver == null ? 0 : receiver.outOfOrder();
        if (sender == null) {
            return new UdpStats(null, -1, 0, outOfOrder);
        }
        Duration srtt = sender.srttUs() == 0 ? null : Duration.ofNanos(sender.srttUs() * 1_000);
        return new UdpStats(srtt, sender.cwnd(), sender.retransmissions(), outOfOrder);
    }

    @Override
    public String fileName() {
        return fileName;
    }

    @Override
    public TransferProtocol protocol() {
        return protocol;
    }

    @Override
    public CompletableFuture<DownloadResult> result() {
        return result;
    }

    @Override
    public void cancel() {
        stop(new DownloadException(Reason.CANCELLED, "cancelled"));
    }

    /**
     * Ends the download with {@code why} (any thread): the data path is aborted and the download's
     * thread completes {@link #result()} with {@code why} once the {@code .part} is left consistent
     * for a resume (UDP cuts it back to its gap-free prefix). No effect once finished.
     */
    void stop(DownloadException why) {
        if (result.isDone() || stopped != null) {
            return;
        }
        stopped = why;
        TcpFetcher t = tcp;
        if (t != null) {
            t.cancel();
        }
        UdpFetcher u = udp;
        if (u != null) {
            u.cancel();
        }
    }
}
