package dev.chat.client;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.Bye;
import dev.chat.wire.frame.ChangePassword;
import dev.chat.wire.frame.HistoryRequest;
import dev.chat.wire.frame.Register;
import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.ListFiles;
import dev.chat.wire.frame.ListUsers;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Ping;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.Quit;
import dev.chat.wire.frame.Reply;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.Shutdown;
import dev.chat.wire.frame.TransferStats;
import dev.chat.wire.frame.UserJoined;
import dev.chat.wire.frame.UserLeft;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A joined chat session over one TCP connection: the library's {@link ChatSession}.
 *
 * <p>Threads:
 * <ul>
 *   <li><b>Callers</b> (a GUI thread, a console thread, any thread): every request ({@link #send},
 *       {@link #listUsers}, {@link #listFiles}, {@link #ping}, {@link #download}) encodes its frame,
 *       queues it and returns at once; none waits for the network. {@link #close()} alone waits,
 *       bounded (see there).</li>
 *   <li><b>The reader</b>, one virtual thread: reads every frame, completes request futures, queues
 *       the answers to the daemon's pings and calls the {@link ChatListener} (see there).</li>
 *   <li><b>The writer</b>, one virtual thread: the only thread that writes to the socket, draining
 *       one bounded queue ({@code SendQueue}); only it blocks while the socket's send buffer is full,
 *       and it writes no faster than the daemon's flood limit (welcome {@code limits}) allows, so
 *       frames sent faster wait in the queue instead of being refused with {@code RATE_LIMITED}.
 *       A request's timeout counts from when it is queued.
 *       When the daemon stops reading and the queue is full, a request fails at once with a
 *       {@link ChatException} of code {@link ErrorCode#RATE_LIMITED}; nothing blocks or grows.</li>
 *   <li><b>Downloads</b>: one platform thread per download, and one progress scheduler thread
 *       shared by all (see {@link #download}).</li>
 * </ul>
 * Futures complete on the reader thread (a reply or an error), on the JDK's timeout thread (the
 * request timeout), on the calling thread (a request refused before sending), or on the thread that
 * ends the connection; dependent stages that block should therefore use the {@code *Async} variants.
 *
 * <p>Errors: a request that cannot be sent (invalid text, full queue, closed client) returns an
 * already failed future, it never throws. Failures are a {@link ChatException} (the daemon's or a
 * local error code), a {@link DisconnectedException}, or a {@link TimeoutException}.
 */
public final class ChatClient implements ChatSession {
    private static final System.Logger LOG = System.getLogger(ChatClient.class.getName());
    /** How long {@link #close()} waits for the daemon's bye, and then for the reader thread. */
    private static final Duration QUIT_WAIT = Duration.ofSeconds(2);

    private final FrameChannel channel;
    private final AtomicLong ids;
    private final ClientOptions options;
    private final ChatListener listener;
    private final WelcomeInfo welcome;
    private final PendingRequests pending = new PendingRequests();
    private final TransferStatsRouter transferStats = new TransferStatsRouter();
    /** Downloads not yet finished; stopped when the connection ends. */
    private final Set<DownloadTask> running = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private volatile ChatException fatalError;
    private volatile String shutdownMessage;
    /** Set by the reader before it tells the listener, so that isOpen() is false inside onDisconnected. */
    private volatile boolean ended;
    /** The highest message id seen, history included: what a reconnect asks the daemon to continue after. */
    private final AtomicLong lastSeen = new AtomicLong();
    private Thread reader;

    private ChatClient(FrameChannel channel, AtomicLong ids, ClientOptions options, ChatListener listener,
                       WelcomeInfo welcome) {
        this.channel = channel;
        this.ids = ids;
        this.options = options;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.welcome = welcome;
        welcome.history().forEach(this::saw);
    }

    /**
     * Connects to the daemon and joins as {@code options.name()}: the usual way in. To try other
     * names on the same connection after {@code NAME_TAKEN}, use {@link #open} instead.
     *
     * @throws JoinException UNREACHABLE, REJECTED with the daemon's code, TIMED_OUT, CONNECTION_LOST, PROTOCOL
     */
    public static ChatClient connect(ClientOptions options, ChatListener listener) throws JoinException {
        Objects.requireNonNull(listener, "listener");
        Handshake handshake = Handshake.open(options);
        try {
            return handshake.join(options.name(), listener);
        } finally {
            handshake.close(); // no-op once joined: the connection belongs to the client then
        }
    }

    /** Opens a connection without joining yet; {@link Handshake#join} may then be retried with other names. */
    public static Handshake open(ClientOptions options) throws JoinException {
        return Handshake.open(options);
    }

    /** Called by {@link Handshake} on success; the channel's reading passes to the new reader thread. */
    static ChatClient start(FrameChannel channel, AtomicLong ids, ClientOptions options, ChatListener listener,
                            WelcomeInfo welcome) {
        ChatClient client = new ChatClient(channel, ids, options, listener, welcome);
        // A well-behaved client never meets RATE_LIMITED: frames wait their turn in the queue.
        channel.pace(welcome.limits().ratePerSecond(), welcome.limits().rateBurst());
        // A broken write ends the session; the reader sees the close and reports the disconnect once.
        channel.onWriteFailure(channel::close);
        // Assigned before start so that close() called from a listener recognises the reader thread.
        client.reader = Thread.ofVirtual().name("chat-client-reader-" + welcome.name()).unstarted(client::readLoop);
        client.reader.start();
        return client;
    }

    /** What the daemon said on joining: registered name, users online then, limits, server software. */
    @Override
    public WelcomeInfo welcome() {
        return welcome;
    }

    /** The name this client joined under, as the daemon registered it. */
    @Override
    public String name() {
        return welcome.name();
    }

    @Override
    public java.util.Optional<String> tlsFingerprint() {
        return java.util.Optional.ofNullable(channel.tls()).map(ClientTls::fingerprint);
    }

    /** True until the connection ends or {@link #close()} is called. */
    @Override
    public boolean isOpen() {
        return !closing.get() && !ended;
    }

    /** Completes (never exceptionally) after the reader thread has ended and the listener was told. */
    @Override
    public CompletableFuture<Void> terminated() {
        return terminated.copy();
    }

    /**
     * Sends {@code text} to the user {@code to}, or to everyone when {@code to} is {@code all}.
     * Text that breaks the rules (empty, over 4096 bytes, control characters) fails the future at
     * once with the code the daemon would use, without sending anything.
     */
    @Override
    public CompletableFuture<Sent> send(String to, String text) {
        return send(to, text, false);
    }

    /** As {@link #send}, for an action ({@code /me}): the same rules for the text. */
    @Override
    public CompletableFuture<Sent> sendAction(String to, String text) {
        return send(to, text, true);
    }

    private CompletableFuture<Sent> send(String to, String text, boolean action) {
        long id = ids.incrementAndGet();
        Send frame;
        try {
            frame = new Send(id, to, text, action);
        } catch (ProtocolException e) {
            return CompletableFuture.failedFuture(ChatException.of(e));
        }
        return request(frame, id, ReplyCollector.sent());
    }

    /** A reason over {@link dev.chat.wire.Limits#MAX_AWAY_BYTES} or with control characters fails at once. */
    @Override
    public CompletableFuture<Void> away(String reason) {
        long id = ids.incrementAndGet();
        dev.chat.wire.frame.Away frame;
        try {
            frame = new dev.chat.wire.frame.Away(id, reason);
        } catch (ProtocolException e) {
            return CompletableFuture.failedFuture(ChatException.of(e));
        }
        return request(frame, id, ReplyCollector.ok()).thenApply(ok -> null);
    }

    /** Everyone online now, all pages assembled. */
    @Override
    public CompletableFuture<List<String>> listUsers() {
        long id = ids.incrementAndGet();
        return request(new ListUsers(id), id, ReplyCollector.users());
    }

    /** The daemon's shared files, all pages assembled. */
    @Override
    public CompletableFuture<List<FileEntry>> listFiles() {
        long id = ids.incrementAndGet();
        return request(new ListFiles(id), id, ReplyCollector.files());
    }

    /**
     * Downloads the shared file {@code fileName} into {@code directory} over {@code protocol}. The
     * bytes go to {@code NAME.part} (resumed if one is there), are verified against the daemon's
     * SHA-256 and renamed to {@code NAME}, or {@code NAME (1)}... if taken; a subfolder in the name
     * ({@code docs/a.txt}) is kept below {@code directory}, never outside it. Never throws: failures
     * complete {@link DownloadHandle#result()} with a {@link DownloadException}. Several downloads may run
     * at once (the daemon allows 8 per session by default); chat goes on meanwhile.
     *
     * @param listener progress, at most 10 times a second, on a client scheduler thread; may be null.
     *                 For UDP it carries the daemon's sender statistics ({@link UdpStats}), which the
     *                 daemon reports on this connection up to 4 times a second
     */
    @Override
    public DownloadHandle download(String fileName, TransferProtocol protocol, Path directory, DownloadListener listener) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(directory, "directory");
        DownloadTask task = new DownloadTask(fileName, protocol, directory, listener, this::requestDownload,
                transferStats, channel.remoteAddress(), channel.tls(), ProgressScheduler.scheduler());
        running.add(task);
        task.result().whenComplete((result, failure) -> running.remove(task));
        if (ended) {
            task.stop(lost("the connection to the daemon is closed"));
        }
        task.start();
        return task;
    }

    private CompletableFuture<DownloadReady> requestDownload(String name, TransferProtocol protocol, long offset) {
        long id = ids.incrementAndGet();
        dev.chat.wire.frame.Download frame;
        try {
            frame = new dev.chat.wire.frame.Download(id, name, protocol.transport(), offset);
        } catch (ProtocolException e) {
            return CompletableFuture.failedFuture(ChatException.of(e));
        }
        return request(frame, id, ReplyCollector.downloadReady());
    }

    @Override
    public CompletableFuture<Void> register(String password) {
        long id = ids.incrementAndGet();
        Register frame;
        try {
            frame = new Register(id, password);
        } catch (ProtocolException e) {
            return CompletableFuture.failedFuture(ChatException.of(e));
        }
        return request(frame, id, ReplyCollector.ok()).thenApply(ok -> null);
    }

    @Override
    public CompletableFuture<Void> changePassword(String old, String password) {
        long id = ids.incrementAndGet();
        ChangePassword frame;
        try {
            frame = new ChangePassword(id, old, password);
        } catch (ProtocolException e) {
            return CompletableFuture.failedFuture(ChatException.of(e));
        }
        return request(frame, id, ReplyCollector.ok()).thenApply(ok -> null);
    }

    @Override
    public CompletableFuture<List<Message>> history(Long before, Long after, int limit) {
        long id = ids.incrementAndGet();
        HistoryRequest frame;
        try {
            frame = new HistoryRequest(id, before, after, limit);
        } catch (ProtocolException e) {
            return CompletableFuture.failedFuture(ChatException.of(e));
        }
        return request(frame, id, ReplyCollector.history());
    }

    @Override
    public java.util.Optional<ResumePoint> resumePoint() {
        return welcome.resumeToken() == null ? java.util.Optional.empty()
                : java.util.Optional.of(new ResumePoint(welcome.resumeToken(), lastSeen.get()));
    }

    private void saw(Message message) {
        long id = message.idOrZero();
        lastSeen.accumulateAndGet(id, Math::max);
    }

    /** The round trip of a ping to the daemon and its pong. */
    @Override
    public CompletableFuture<Duration> ping() {
        long id = ids.incrementAndGet();
        return request(new Ping(id), id, ReplyCollector.pong(System.nanoTime()));
    }

    /**
     * Says quit, waits (at most 2 s) for the daemon's bye, closes the socket and waits (at most 2 s
     * each) for the reader and writer threads to end, so no thread is left behind. This is the one
     * method that waits: a GUI calls it off its GUI thread. Idempotent; may be called from any
     * thread, a listener method included: then it does not wait (the reader itself would read the
     * bye), the writer sends the quit and closes the socket. The listener's
     * {@link ChatListener#onDisconnected} gets null.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        boolean onReader = Thread.currentThread() == reader;
        CompletableFuture<Bye> bye = null;
        if (!ended) {
            long id = ids.incrementAndGet();
            bye = pending.register(id, ReplyCollector.bye(), QUIT_WAIT);
            if (channel.send(new Quit(id)) != SendQueue.Offer.QUEUED) {
                bye = null; // full or broken: no bye will come
            }
        }
        if (onReader) {
            channel.closeAfterFlush(QUIT_WAIT);
            return;
        }
        if (bye != null) {
            awaitBye(bye);
        }
        channel.close();
        awaitThreads();
    }

    private void awaitBye(CompletableFuture<Bye> bye) {
        try {
            bye.get(QUIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.DEBUG, "no bye from {0}: {1}", channel.peer(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitThreads() {
        try {
            if (!reader.join(QUIT_WAIT)) {
                LOG.log(System.Logger.Level.WARNING, "reader thread of {0} still running after close", name());
            }
            if (!channel.awaitWriter(QUIT_WAIT)) {
                LOG.log(System.Logger.Level.WARNING, "writer thread of {0} still running after close", name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** For tests: the reader thread, to check that it ended. */
    Thread readerThread() {
        return reader;
    }

    /** For tests: the writer thread, to check that it ended. */
    Thread writerThread() {
        return channel.writerThread();
    }

    private <T> CompletableFuture<T> request(ClientFrame frame, long id, ReplyCollector<T> collector) {
        if (closing.get()) {
            return CompletableFuture.failedFuture(new DisconnectedException("the client is closed"));
        }
        CompletableFuture<T> future = pending.register(id, collector, options.requestTimeout());
        if (!future.isDone()) {
            switch (channel.send(frame)) {
                case QUEUED -> { }
                case FULL -> pending.fail(id, new ChatException(ErrorCode.RATE_LIMITED, "not sent: "
                        + SendQueue.MAX_FRAMES + " frames or " + SendQueue.MAX_BYTES / 1024
                        + " KiB already wait for the daemon to read them; slow down"));
                case CLOSED -> pending.fail(id, new DisconnectedException("the connection is closed"));
            }
        }
        return future;
    }

    private void readLoop() {
        Throwable cause = null;
        try {
            while (true) {
                ServerFrame frame;
                try {
                    frame = channel.read();
                } catch (ProtocolException e) {
                    if (e.code() == ErrorCode.LINE_TOO_LONG) {
                        throw e;
                    }
                    badFrame(e);
                    continue;
                }
                if (frame == null) {
                    break;
                }
                dispatch(frame);
            }
        } catch (IOException | RuntimeException e) {
            cause = e;
        } finally {
            finish(cause);
        }
    }

    private void dispatch(ServerFrame frame) {
        switch (frame) {
            case Ping ping -> pong(ping.id());
            case Message message -> {
                saw(message);
                notify(() -> listener.onMessage(message));
            }
            case UserJoined joined -> notify(() -> listener.onUserJoined(joined.name()));
            case UserLeft left -> notify(() -> listener.onUserLeft(left.name(), left.reason()));
            case dev.chat.wire.frame.UserAway away -> notify(() -> listener.onUserAway(away.name(), away.reason()));
            case Shutdown shutdown -> {
                shutdownMessage = shutdown.message();
                notify(() -> listener.onShutdown(shutdown.message()));
            }
            case ErrorFrame error -> error(error);
            case TransferStats stats -> transferStats.route(stats);
            default -> {
                if (frame instanceof Reply reply) {
                    pending.offer(reply.re(), frame); // replies to unknown (timed out) ids are ignored
                }
            }
        }
    }

    private void error(ErrorFrame frame) {
        ChatException error = new ChatException(frame.code(), frame.message());
        if (frame.code().fatal()) {
            fatalError = error;
        }
        boolean answered = frame.re() != null && pending.fail(frame.re(), error);
        if (!answered && (frame.re() == null || frame.code().fatal())) {
            notify(() -> listener.onError(error));
        }
    }

    /** A server line that does not decode fails the request it names, if any; otherwise it is skipped. */
    private void badFrame(ProtocolException e) {
        LOG.log(System.Logger.Level.WARNING, "undecodable frame from {0}: {1}", channel.peer(), e);
        if (e.re().isPresent()) {
            pending.fail(e.re().getAsLong(), ChatException.of(e));
        }
    }

    /** Queued like any request; when the queue is full the daemon's ping times out, which is the truth. */
    private void pong(long id) {
        if (channel.send(new Pong(id)) != SendQueue.Offer.QUEUED) {
            LOG.log(System.Logger.Level.DEBUG, "pong {0} not queued", id);
        }
    }

    private void finish(Throwable readFailure) {
        ended = true;
        channel.close();
        Throwable cause = closing.get() ? null : disconnectCause(readFailure);
        // The daemon ends a session's transfers with the session, so a download cannot outlive it:
        // say so now instead of after the data path's own 10 s idle timeout.
        for (DownloadTask task : running) {
            task.stop(lost(cause == null ? "the client was closed" : "the connection to the daemon was lost: "
                    + cause.getMessage()));
        }
        pending.failAll(cause != null ? new DisconnectedException("disconnected: " + cause.getMessage(), cause)
                : new DisconnectedException("the client is closed"));
        LOG.log(System.Logger.Level.DEBUG, "{0} disconnected: {1}", name(), cause);
        notify(() -> listener.onDisconnected(cause));
        terminated.complete(null);
    }

    private static DownloadException lost(String why) {
        return new DownloadException(DownloadException.Reason.CONNECTION_LOST, why + "; the .part is kept for a resume");
    }

    private Throwable disconnectCause(Throwable readFailure) {
        if (fatalError != null) {
            return fatalError;
        }
        if (shutdownMessage != null) {
            return new DisconnectedException("server shutting down: " + shutdownMessage);
        }
        if (readFailure == null) {
            return new DisconnectedException("the server closed the connection");
        }
        if (readFailure instanceof ProtocolException e) {
            return ChatException.of(e);
        }
        return new DisconnectedException("connection lost: " + readFailure.getMessage(), readFailure);
    }

    private void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "listener failed", e);
        }
    }
}
