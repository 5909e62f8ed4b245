package dev.chat.daemon;

import dev.chat.daemon.irc.Authenticator;
import dev.chat.daemon.irc.IrcCodec;
import dev.chat.daemon.transfer.SlotBudget;
import dev.chat.daemon.tls.ServerTls;
import dev.chat.daemon.transfer.TransferService;
import dev.chat.daemon.transfer.TransferSession;
import dev.chat.wire.ClientText;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.JsonCodec;
import dev.chat.wire.LineFramer;
import dev.chat.wire.Names;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.SessionCodec;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Fetch;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Ping;
import dev.chat.wire.frame.Shutdown;
import dev.chat.wire.text.TextCodec;

import java.io.IOException;
import java.io.PushbackInputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One client connection: owns the socket, sniffs the codec from the first byte, runs the reader
 * loop, starts the {@link Outbox} writer and cleans everything up exactly once.
 *
 * <p>Threads: {@link #run()} is the connection's reader thread (one virtual thread). Its
 * {@link Outbox} has a writer thread. {@link #shutdown()} and {@link #forceClose()} are called by the
 * server while closing; the outbox reports kicks from its own threads. Whatever ends the
 * connection first decides the leave reason.
 */
final class ClientConnection implements Runnable {
    private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());
    /** The {@code shutdown} message; text mode shows it as the line {@code * server shutting down}. */
    static final String SHUTDOWN_MESSAGE = "server shutting down";
    private static final int FIRST_LINE_TIMED_OUT = -2;

    /** How the reader loop ended: why, and whether queued frames are still to be sent. */
    private record Exit(LeaveReason reason, boolean graceful) {
    }

    /** The TCP socket: closing it ends everything, TLS included. */
    private final Socket socket;
    /** What frames go through: {@link #socket}, or the TLS socket over it once a handshake ran (reader thread sets it). */
    private volatile Socket io;
    private final DaemonConfig config;
    private final DaemonContext context;
    private final ServerTls tls;
    /** The deadline stream under the reader's input (plain or inside TLS); reader thread only. */
    private DeadlineInputStream raw;
    private final UserRegistry registry;
    private final TransferService transfers;
    private final Runnable onClosed;
    private final SlotBudget transferBudget;
    private final SourceBudgets.Ticket ticket;
    private final String who;
    private final Deadlines deadlines;
    private final AtomicReference<LeaveReason> endReason = new AtomicReference<>();
    /** Created once, under this object's lock, by the reader (codec known) or by shutdown() (no byte yet, JSON). */
    private volatile Outbox outbox;
    private volatile String name;
    private volatile TransferSession transferSession;
    /** Set once this is a data connection sending file bytes: shutdown leaves it to the grace period. */
    private volatile boolean streaming;
    private final CountDownLatch ended = new CountDownLatch(1);
    private long nextPingId = 1;
    /** Reader thread only: when each line arrived, for the flood limit. */
    private ArrivalClock arrivals;

    /** @param ticket this connection's hold on its source; {@code onClosed} closes it */
    ClientConnection(long id, Socket socket, DaemonContext context, ServerTls tls, Runnable onClosed,
                     SourceBudgets.Ticket ticket) {
        this.socket = socket;
        this.io = socket;
        this.context = context;
        this.tls = tls;
        this.ticket = ticket;
        this.transferBudget = ticket.transfers();
        this.config = context.config();
        this.registry = context.registry();
        this.transfers = context.transfers();
        this.onClosed = onClosed;
        this.who = "#" + id + " " + socket.getRemoteSocketAddress();
        this.deadlines = new Deadlines(config.helloTimeout(), config.joinTimeout(), config.idleTimeout(),
                System.nanoTime());
    }

    /** The reader thread's body. */
    @Override
    public void run() {
        Exit exit = new Exit(LeaveReason.CONNECTION_LOST, false);
        try {
            LOG.log(Level.INFO, "connect " + who);
            socket.setTcpNoDelay(true);
            PushbackInputStream in = input(socket);
            int first = readFirstByte(in);
            if (first == ServerTls.HANDSHAKE) {
                io = tls.handshake(socket, Duration.ofNanos(deadlines.remaining(System.nanoTime())));
                in = input(io);
                first = readFirstByte(in); // JSON or text inside TLS, sniffed as outside
            } else if (first >= 0 && tls.required()) {
                LOG.log(Level.INFO, who + " refused: plaintext under --tls-required");
                socket.getOutputStream().write(ServerTls.refusal(first));
                Sockets.closeGracefully(socket, config.drainTimeout());
                first = -1;
            }
            if (first == FIRST_LINE_TIMED_OUT) {
                exit = refuseSilentPeer();
            } else if (first >= 0) {
                in.unread(first);
                arrivals = new ArrivalClock(config.rateLimit(), System.nanoTime());
                arrivals.readReturned(System.nanoTime(), false); // the first byte's read
                raw.reportReadsTo(arrivals);
                exit = serve(in, codecFor(in, first));
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> who + " read failed: " + e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, who + " failed", e); // a bug in a handler ends this connection only
        } finally {
            end(exit);
        }
    }

    /**
     * The connection's input as the reader sees it: every read bounded by the current deadline.
     * The deadline stream is kept in {@link #raw} so the flood limit can learn when reads returned.
     */
    private PushbackInputStream input(Socket from) throws IOException {
        raw = new DeadlineInputStream(from, from.getInputStream(), deadlines::remaining, System::nanoTime);
        return new PushbackInputStream(raw, IrcCodec.sniffBytes());
    }

    /**
     * JSON for '{'; IRC when the first word is CAP, NICK, USER or PASS and a space follows (a text
     * mode name has no space, so no text session is taken for IRC); text mode otherwise. For IRC
     * it reads ahead up to {@link IrcCodec#sniffBytes()} bytes (the first one was put back already),
     * and puts them back.
     */
    private SessionCodec codecFor(PushbackInputStream in, int first) throws IOException {
        if (first == '{') {
            return JsonCodec.instance();
        }
        if (config.irc().enabled() && "cnupCNUP".indexOf(first) >= 0) {
            byte[] start = new byte[IrcCodec.sniffBytes()];
            int n = 0;
            int b = in.read();
            while (b >= 0) {
                start[n++] = (byte) b;
                if (b == ' ' || b == '\n' || n == start.length) {
                    break;
                }
                b = in.read();
            }
            in.unread(start, 0, n);
            if (IrcCodec.selects(start, n)) {
                return new IrcCodec(config.irc(), ircLogins());
            }
        }
        return new TextCodec(config.zone());
    }

    /** SASL for this connection: the accounts, under the rules of a hello with a password. */
    private Authenticator ircLogins() {
        Logins.Origin origin = new Logins.Origin(socket.getInetAddress(), encrypted());
        Logins logins = context.logins();
        return new Authenticator() {
            @Override
            public boolean acceptsPasswords() {
                return logins.acceptsPasswords(origin);
            }

            @Override
            public String verify(String account, String password) {
                String display = Names.validate(account);
                if (!logins.admit(Names.key(display), display, password, origin, 1)) {
                    throw new ProtocolException(ErrorCode.NOT_REGISTERED, "'" + display + "' is not registered");
                }
                return logins.account(Names.key(display), 1).map(a -> a.displayName()).orElse(display);
            }
        };
    }

    /** True once this connection runs over TLS. */
    private boolean encrypted() {
        return io != socket;
    }

    /**
     * Server closing: the client is told, its queue drained and a FIN sent, so it sees the
     * {@code shutdown} frame and then the end of the stream; a client that does not close its side
     * within the drain timeout is cut off. A connection that has not sent its first byte yet has no
     * codec: it is told in JSON, as {@code SERVER_FULL} and {@code HELLO_TIMEOUT} are, and its reader
     * then serves nothing. A data connection streaming a file is left alone: the server gives running
     * transfers their grace period and closes them itself.
     */
    void shutdown() {
        if (streaming) {
            return;
        }
        endReason.compareAndSet(null, LeaveReason.SERVER_SHUTDOWN);
        Outbox current;
        try {
            synchronized (this) {
                current = outbox != null ? outbox : startOutbox(JsonCodec.instance());
            }
        } catch (IOException e) {
            forceClose(); // the socket is gone already; nobody to tell
            return;
        }
        current.deliver(new Shutdown(SHUTDOWN_MESSAGE));
        current.finish();
        Thread.ofVirtual().name("chatd-shutdown-" + who).start(() -> finishShutdown(current));
    }

    private void finishShutdown(Outbox current) {
        try {
            current.awaitWriter(config.drainTimeout());
            if (!streaming) {
                io.shutdownOutput();
                ended.await(config.drainTimeout().toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> who + " shutdown: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!streaming) {
            forceClose();
        }
    }

    /** Closes the socket, which ends the reader thread. */
    void forceClose() {
        Sockets.closeQuietly(socket);
    }

    /** The first byte; -1 at a clean end before it, {@link #FIRST_LINE_TIMED_OUT} when the hello deadline passed. */
    private int readFirstByte(PushbackInputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            return FIRST_LINE_TIMED_OUT;
        }
    }

    /** No first byte in time: HELLO_TIMEOUT in JSON (the codec is unknown), unless shutdown() is telling it already. */
    private Exit refuseSilentPeer() throws IOException {
        ProtocolException timeout = helloTimeout();
        Outbox out;
        synchronized (this) {
            if (outbox != null) {
                return new Exit(LeaveReason.SERVER_SHUTDOWN, true);
            }
            out = startOutbox(JsonCodec.instance());
        }
        LOG.log(Level.INFO, who + " dropped: " + timeout);
        out.deliver(ErrorFrame.of(timeout));
        return new Exit(LeaveReason.KICKED_PROTOCOL_ERROR, true);
    }

    private Exit serve(PushbackInputStream in, SessionCodec codec) throws IOException {
        if (!codec.answersPings()) {
            Sockets.keepAlive(socket, config.idleTimeout()); // a vanished text peer goes within the JSON bound
            deadlines.textMode(config.textIdleTimeout());
        }
        Outbox out;
        synchronized (this) {
            if (outbox != null) {
                return new Exit(LeaveReason.SERVER_SHUTDOWN, true); // shutdown() came first and owns the writer
            }
            out = startOutbox(codec);
        }
        TransferSession downloads = codec.downloads()
                ? transfers.openSession(who, socket.getInetAddress(), transferBudget, encrypted(), out::deliverIfQuiet) : null;
        transferSession = downloads;
        SessionState session = new SessionState(context, codec, out,
                new TokenBucket(config.rateLimit(), config.rateBurst(), System::nanoTime), who, downloads,
                new Logins.Origin(socket.getInetAddress(), encrypted())).whenReplaced(() -> replaced(out));
        return readLines(new LineFramer(in), session, out);
    }

    /** The socket's one writer; callers hold this object's lock and found no outbox yet. */
    private Outbox startOutbox(SessionCodec codec) throws IOException {
        DeliveryLimits limits = config.delivery();
        if (limits.socketSendBuffer() > 0) {
            socket.setSendBufferSize(limits.socketSendBuffer()); // a slow reader holds this much kernel memory, not 4 MB
        }
        Outbox out = new Outbox(codec, io.getOutputStream(), registry.room(), limits, context.budget(), this::kick,
                System::nanoTime);
        outbox = out;
        Thread.ofVirtual().name("chatd-writer-" + who).start(out::runWriter);
        return out;
    }

    private Exit readLines(LineFramer framer, SessionState session, Outbox out) throws IOException {
        while (true) {
            ByteBuffer line;
            try {
                line = framer.nextLine();
            } catch (SocketTimeoutException e) {
                Exit exit = onDeadline(session, out);
                if (exit != null) {
                    return exit;
                }
                continue;
            } catch (ProtocolException e) {
                session.report(e); // LINE_TOO_LONG: fatal at once
                return new Exit(LeaveReason.KICKED_PROTOCOL_ERROR, true);
            }
            if (line == null) {
                return new Exit(LeaveReason.CONNECTION_LOST, false);
            }
            deadlines.lineReceived(System.nanoTime());
            SessionState.Verdict verdict = session.onLine(line, arrivals.nextLine());
            payFakelag(session);
            if (session.joined() && !deadlines.hasJoined()) {
                deadlines.joined(System.nanoTime());
                name = session.name();
            }
            switch (verdict) {
                case CONTINUE -> { }
                case QUIT -> {
                    return new Exit(LeaveReason.QUIT, true);
                }
                case FATAL -> {
                    return new Exit(LeaveReason.KICKED_PROTOCOL_ERROR, true);
                }
                case FETCH -> {
                    return serveFetch(session.fetch(), out);
                }
            }
        }
    }

    /**
     * A data connection: its first line presented a token. The header goes through the outbox, which
     * is then drained and retired, so the file bytes that follow on the raw channel come after it.
     */
    private Exit serveFetch(Fetch fetch, Outbox out) throws IOException {
        TransferService.TcpFetch claimed;
        try {
            claimed = transfers.claimTcp(fetch, encrypted());
        } catch (ProtocolException e) {
            LOG.log(Level.INFO, who + " refused fetch: " + e);
            out.deliver(ErrorFrame.of(e));
            return new Exit(LeaveReason.QUIT, true);
        }
        ticket.claimedGrant(); // the grant's transfer slot bounds this connection from now on
        boolean streamed = false;
        try {
            out.deliver(claimed.header());
            out.finish();
            try {
                out.awaitWriter(config.drainTimeout());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Exit(LeaveReason.CONNECTION_LOST, false);
            }
            socket.setSoTimeout(0);
            streaming = true;
            streamed = true;
            if (encrypted()) {
                transfers.stream(claimed, socket.getChannel(), io.getOutputStream()); // frees the grant however it ends
            } else {
                transfers.stream(claimed, socket.getChannel());
            }
            return new Exit(LeaveReason.QUIT, true);
        } finally {
            if (!streamed) {
                transfers.abandon(claimed); // its slot and its open file
            }
        }
    }

    /**
     * Leaves the socket unread while the session's fan-out debt lasts: the flood waits in the
     * sender's own kernel buffers. The pause does not count as the client's silence.
     */
    private void payFakelag(SessionState session) {
        long lag = session.takeLagNanos();
        if (lag > 0) {
            try {
                Thread.sleep(Duration.ofNanos(lag));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            deadlines.lineReceived(System.nanoTime());
        }
    }

    /** This connection's outbox, or null before its codec is known; for the delivery watchdog. */
    Outbox outbox() {
        return outbox;
    }

    /** A read timed out: ping, or end the connection (returned), or carry on (null). */
    private Exit onDeadline(SessionState session, Outbox out) {
        switch (deadlines.due(System.nanoTime())) {
            case PING -> {
                out.deliver(new Ping(nextPingId++));
                deadlines.pingSent();
                return null;
            }
            case HELLO_TIMEOUT -> {
                session.report(helloTimeout());
                return new Exit(LeaveReason.KICKED_PROTOCOL_ERROR, true);
            }
            case IDLE_TIMEOUT -> {
                LOG.log(Level.DEBUG, () -> who + " sent nothing within the idle timeout");
                return new Exit(LeaveReason.TIMED_OUT, false);
            }
            default -> {
                return null;
            }
        }
    }

    private ProtocolException helloTimeout() {
        return new ProtocolException(ErrorCode.HELLO_TIMEOUT, "no complete line within "
                + config.helloTimeout().toMillis() + " ms or no join within " + config.joinTimeout().toMillis() + " ms");
    }

    /**
     * A login with the account's password took this session's name (PROTOCOL.md 18.8). Called
     * with the registry's lock held: it only queues the last frame; a fresh thread lets the writer
     * drain it (bounded) and closes the socket, which ends the reader.
     */
    private void replaced(Outbox out) {
        endReason.compareAndSet(null, LeaveReason.REPLACED);
        out.deliver(new ErrorFrame(null, ErrorCode.SESSION_REPLACED,
                "a login with the account's password took your name over"));
        Thread.ofVirtual().name("chatd-replaced").start(() -> {
            out.finish();
            try {
                out.awaitWriter(config.drainTimeout());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOG.log(Level.INFO, who + " replaced by a login with the account's password");
            forceClose();
        });
    }

    /** The outbox is over its bound or its writes fail (outbox threads). */
    private void kick(LeaveReason reason) {
        endReason.compareAndSet(null, reason);
        leave();
        forceClose();
    }

    /** Leaves the registry with the winning reason; logs the leave once. */
    private void leave() {
        Outbox out = outbox;
        if (out != null && registry.leave(out, endReason.get())) {
            LOG.log(Level.INFO, who + " (" + ClientText.escape(name) + ") left: " + endReason.get().text());
        }
    }

    /** Cleanup, exactly once, on the reader thread. */
    private void end(Exit exit) {
        TransferSession downloads = transferSession;
        if (downloads != null) {
            downloads.close(); // unclaimed grants revoked, running transfers stopped
        }
        try {
            endReason.compareAndSet(null, exit.reason());
            leave();
            Outbox out = outbox;
            if (out == null) {
                forceClose();
            } else if (exit.graceful() || endReason.get() == LeaveReason.SERVER_SHUTDOWN) {
                out.finish();
                out.awaitWriter(config.drainTimeout());
                Sockets.closeGracefully(io, config.drainTimeout());
            } else {
                out.abort();
                forceClose();
            }
            if (name == null) {
                LOG.log(Level.DEBUG, () -> who + " closed before joining");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            forceClose();
            ended.countDown();
            onClosed.run();
        }
    }
}
