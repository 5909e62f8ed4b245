package dev.chat.client;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.Limits;
import dev.chat.wire.Names;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Ping;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.UserList;
import dev.chat.wire.frame.Welcome;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open connection that has not joined yet. {@link #join} sends {@code hello} and waits for the
 * welcome; when the daemon refuses the name with a non-fatal code ({@code NAME_TAKEN},
 * {@code NAME_INVALID}) the connection stays open and {@code join} may be called again with another
 * name. Once a join succeeds the connection belongs to the returned {@link ChatClient}.
 *
 * <p>Not thread-safe: the thread that opened it reads until the join succeeds; its frames go out
 * through the connection's writer thread, as the client's do later.
 * {@link ChatClient#connect} is the one-call form for clients that do not retry.
 */
public final class Handshake implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Handshake.class.getName());

    private final ClientOptions options;
    private final FrameChannel channel;
    private final AtomicLong ids = new AtomicLong();
    private boolean joined;
    private boolean closed;

    private Handshake(ClientOptions options, FrameChannel channel) {
        this.options = options;
        this.channel = channel;
    }

    /** Opens the TCP connection; {@link JoinException.Kind#UNREACHABLE} when that fails. */
    public static Handshake open(ClientOptions options) throws JoinException {
        try {
            ClientTls tls = options.tls() == null ? null : new ClientTls(options.host(), options.port(), options.tls());
            return new Handshake(options, FrameChannel.connect(options.host(), options.port(), options.connectTimeout(), tls));
        } catch (javax.net.ssl.SSLException e) {
            throw untrusted(options, e);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw JoinException.of(JoinException.Kind.UNREACHABLE,
                    "cannot reach " + options.host() + ":" + options.port() + ": " + why, e);
        }
    }

    /** A failed TLS handshake: {@link JoinException.Kind#UNTRUSTED}, with the trust decision's own words when it made one. */
    private static JoinException untrusted(ClientOptions options, javax.net.ssl.SSLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.security.cert.CertificateException refused) {
                return JoinException.of(JoinException.Kind.UNTRUSTED, refused.getMessage(), e);
            }
        }
        return JoinException.of(JoinException.Kind.UNTRUSTED, "TLS with " + options.host() + ":" + options.port()
                + " failed: " + e.getMessage() + " (is it a chatd that speaks TLS? try --no-tls on a trusted network)", e);
    }

    /**
     * Says hello as {@code name} and waits (at most the request timeout) for the welcome and the
     * user_list pages that may follow it; then starts the client's reader thread.
     *
     * @throws JoinException {@link JoinException#retryable()} tells whether this handshake may try again
     * @throws IllegalStateException after a successful join or a close
     */
    public ChatClient join(String name, ChatListener listener) throws JoinException {
        return join(name, listener, null);
    }

    /**
     * Says hello as {@code name} with the options' password and, when {@code resume} is given, the
     * resume token and last message id of an earlier session of this client: the daemon then gives
     * the held name back and replays what this client missed ({@link WelcomeInfo#history()}).
     */
    public ChatClient join(String name, ChatListener listener, ResumePoint resume) throws JoinException {
        if (joined || closed) {
            throw new IllegalStateException(joined ? "already joined" : "handshake is closed");
        }
        try {
            Names.validate(name);
        } catch (ProtocolException e) {
            throw JoinException.rejected(e.code(), e.getMessage());
        }
        long id = ids.incrementAndGet();
        try {
            writeHello(new Hello(id, name, Limits.PROTOCOL_VERSION, options.clientSoftware(), options.password(),
                    resume == null ? null : resume.token(),
                    resume == null || resume.lastSeen() == 0 ? null : resume.lastSeen()));
            WelcomeInfo info = awaitWelcome(id, System.nanoTime() + options.requestTimeout().toNanos());
            channel.readTimeout(Duration.ZERO);
            joined = true;
            LOG.log(System.Logger.Level.DEBUG, "joined {0} as {1}", channel.peer(), info.name());
            return ChatClient.start(channel, ids, options, listener, info);
        } catch (JoinException e) {
            if (!e.retryable()) {
                close();
            }
            throw e;
        } catch (IOException e) {
            close();
            throw JoinException.of(JoinException.Kind.CONNECTION_LOST, "connection failed: " + e.getMessage(), e);
        }
    }

    /** Closes the connection unless a join handed it to a {@link ChatClient}; idempotent. */
    @Override
    public void close() {
        if (!joined && !closed) {
            closed = true;
            channel.close();
        }
    }

    /**
     * Queued for the channel's writer. A failed write is not yet fatal: a full daemon has written
     * SERVER_FULL, which is worth reading; the wait for the welcome finds out either way.
     */
    private void writeHello(Hello hello) {
        if (channel.send(hello) != SendQueue.Offer.QUEUED) {
            LOG.log(System.Logger.Level.DEBUG, "hello not queued: the connection is closed");
        }
    }

    private WelcomeInfo awaitWelcome(long id, long deadline) throws JoinException, IOException {
        while (true) {
            ServerFrame frame = next(id, deadline);
            switch (frame) {
                case Welcome welcome when welcome.re() == id -> {
                    Map<String, String> away = new HashMap<>(welcome.away() == null ? Map.of() : welcome.away());
                    List<String> users = welcome.more() ? withPages(welcome, away, deadline) : welcome.users();
                    return new WelcomeInfo(welcome.name(), users, welcome.server(), welcome.version(), welcome.limits(),
                            welcome.registered(), welcome.resumeToken(), history(welcome, deadline), away);
                }
                case ErrorFrame error when error.re() == null || error.re() == id ->
                        throw JoinException.rejected(error.code(), error.message());
                default -> LOG.log(System.Logger.Level.DEBUG, "ignored before welcome: {0}", frame);
            }
        }
    }

    /** The daemon sends all pages of a welcome before any other frame. */
    private List<String> withPages(Welcome welcome, Map<String, String> away, long deadline)
            throws JoinException, IOException {
        List<String> users = new ArrayList<>(welcome.users());
        while (true) {
            ServerFrame frame = next(welcome.re(), deadline);
            if (!(frame instanceof UserList page) || page.re() != welcome.re()) {
                throw JoinException.of(JoinException.Kind.PROTOCOL, "expected a user_list page after welcome, got " + frame, null);
            }
            if (users.size() + page.users().size() > ReplyCollector.MAX_ENTRIES) {
                throw JoinException.of(JoinException.Kind.PROTOCOL, "welcome lists too many users", null);
            }
            users.addAll(page.users());
            if (page.away() != null) {
                away.putAll(page.away()); // bounded with the users: a page holds at most its own names
            }
            if (!page.more()) {
                return users;
            }
        }
    }

    /** The daemon sends the welcome's history messages right after it (and its pages), before any live frame. */
    private List<Message> history(Welcome welcome, long deadline) throws JoinException, IOException {
        int count = welcome.historyCount();
        if (count > ReplyCollector.MAX_ENTRIES) {
            throw JoinException.of(JoinException.Kind.PROTOCOL, "welcome announces too much history", null);
        }
        List<Message> history = new ArrayList<>();
        while (history.size() < count) {
            ServerFrame frame = next(welcome.re(), deadline);
            if (!(frame instanceof Message message) || !message.isHistory()) {
                throw JoinException.of(JoinException.Kind.PROTOCOL, "expected a history message after welcome, got "
                        + frame, null);
            }
            history.add(message);
        }
        return history;
    }

    /** The next frame other than a ping (answered here), within the deadline. */
    private ServerFrame next(long id, long deadline) throws JoinException, IOException {
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw timedOut(null);
            }
            channel.readTimeout(Duration.ofNanos(left).plusMillis(1));
            ServerFrame frame;
            try {
                frame = channel.read();
            } catch (SocketTimeoutException e) {
                throw timedOut(e);
            } catch (ProtocolException e) {
                if (e.code() == ErrorCode.LINE_TOO_LONG || e.re().orElse(-1) == id) {
                    throw JoinException.of(JoinException.Kind.PROTOCOL, "bad frame from the server: " + e, e);
                }
                LOG.log(System.Logger.Level.DEBUG, "skipped undecodable line: {0}", e);
                continue;
            }
            if (frame == null) {
                throw JoinException.of(JoinException.Kind.CONNECTION_LOST, "the server closed the connection before welcome", null);
            }
            if (frame instanceof Ping ping) {
                writeQuietly(new Pong(ping.id()));
                continue;
            }
            return frame;
        }
    }

    private JoinException timedOut(Throwable cause) {
        return JoinException.of(JoinException.Kind.TIMED_OUT,
                "no welcome within " + options.requestTimeout().toMillis() + " ms", cause);
    }

    private void writeQuietly(Pong pong) {
        if (channel.send(pong) != SendQueue.Offer.QUEUED) {
            LOG.log(System.Logger.Level.DEBUG, "pong not queued");
        }
    }
}
