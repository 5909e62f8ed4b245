package dev.chat.daemon;

import dev.chat.daemon.store.Account;
import dev.chat.daemon.store.PrivateMessage;
import dev.chat.daemon.transfer.TransferSession;
import dev.chat.wire.ClientText;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.Limits;
import dev.chat.wire.Names;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.SessionCodec;
import dev.chat.wire.frame.AccountKind;
import dev.chat.wire.frame.Away;
import dev.chat.wire.frame.Bye;
import dev.chat.wire.frame.ChangePassword;
import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.Download;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Fetch;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.HistoryRequest;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Ok;
import dev.chat.wire.frame.ListFiles;
import dev.chat.wire.frame.ListUsers;
import dev.chat.wire.frame.Ping;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.Quit;
import dev.chat.wire.frame.Register;
import dev.chat.wire.frame.Request;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.ServerFrame;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * The protocol state of one connection, without its socket: decodes each inbound line, enforces
 * the flood limit and the garbage limit, answers requests and joins the registry. All replies go
 * to the connection's {@link Peer}. Called only by the connection's reader thread.
 */
final class SessionState {
    /** How the connection goes on after a line. */
    enum Verdict { CONTINUE, QUIT, FATAL, FETCH }

    /** Consecutive undecodable lines after which the connection is dropped. */
    static final int MAX_BAD_FRAMES = 10;

    /** Names refused (NAME_INVALID, NAME_TAKEN) after which the connection is dropped. */
    static final int MAX_REFUSED_HELLOS = 10;

    private static final System.Logger LOG = System.getLogger(SessionState.class.getName());

    private final SessionCodec codec;
    private final Peer out;
    private final UserRegistry registry;
    private final Router router;
    private final FileCatalog files;
    private final TokenBucket bucket;
    private final String who;
    private final TransferSession transfers;
    private final FanoutPacer pacer;
    private final DaemonContext context;
    private final Logins.Origin origin;
    private long lagNanos;
    private int badFrames;
    private int refusedHellos;
    private String name;
    private String key;
    /** Set once the name's password was checked (at the hello or by {@code register}). */
    private boolean registered;
    /** Which private messages this session's history may show (see {@link UserRegistry.Member#since}). */
    private Predicate<PrivateMessage> visible = m -> false;
    private boolean firstLine = true;
    private Fetch fetch;
    /** Set (by the thread of the login that took the name over) once this session was replaced. */
    private volatile boolean replaced;
    /** Ends the connection after a takeover; must not block (see {@link UserRegistry.JoinRequest#replaced}). */
    private Runnable onReplaced = () -> { };

    /** @param who how logs name this connection, e.g. {@code #12 /127.0.0.1:50000} */
    SessionState(DaemonContext context, SessionCodec codec, Peer out, TokenBucket bucket, String who) {
        this(context, codec, out, bucket, who, null);
    }

    /** @param transfers this session's downloads, or null when the daemon offers none */
    SessionState(DaemonContext context, SessionCodec codec, Peer out, TokenBucket bucket, String who,
                 TransferSession transfers) {
        this(context, codec, out, bucket, who, transfers, new Logins.Origin(InetAddress.getLoopbackAddress(), false));
    }

    /** @param origin where the connection comes from and whether it is encrypted (the password rules) */
    SessionState(DaemonContext context, SessionCodec codec, Peer out, TokenBucket bucket, String who,
                 TransferSession transfers, Logins.Origin origin) {
        this.context = context;
        this.origin = origin;
        this.transfers = transfers;
        this.pacer = new FanoutPacer(context.config().delivery().fanoutPerSecond(),
                context.config().delivery().fanoutBurst(), System::nanoTime);
        this.codec = codec;
        this.out = out;
        this.registry = context.registry();
        this.router = context.router();
        this.files = context.files();
        this.bucket = bucket;
        this.who = who;
    }

    boolean joined() {
        return name != null;
    }

    /** How the connection ends itself when a login takes this session's name over (never blocks). */
    SessionState whenReplaced(Runnable hook) {
        onReplaced = hook;
        return this;
    }

    /** The registered name, or null before joining. */
    String name() {
        return name;
    }

    /**
     * How long the connection's socket should now go unread because of what its messages cost to
     * deliver (fakelag, {@link FanoutPacer}); taking it resets it.
     */
    long takeLagNanos() {
        long lag = lagNanos;
        lagNanos = 0;
        return lag;
    }

    /** The fetch line of a data connection, after {@link Verdict#FETCH}. */
    Fetch fetch() {
        return fetch;
    }

    /** Handles one complete line (without its newline) that arrived now. */
    Verdict onLine(ByteBuffer line) {
        return onLine(line, bucket.now());
    }

    /** Handles one complete line that arrived at {@code arrivedNanos}: the flood limit charges it then. */
    Verdict onLine(ByteBuffer line, long arrivedNanos) {
        if (replaced) {
            return Verdict.FATAL; // the name is someone else's session now: nothing more is read as it
        }
        boolean first = firstLine;
        firstLine = false;
        ClientFrame frame;
        try {
            frame = codec.decode(line, joined());
        } catch (ProtocolException e) {
            return decodeFailed(e, arrivedNanos);
        }
        badFrames = 0;
        if (frame instanceof Fetch f && first && transfers != null) {
            fetch = f; // a data connection: the caller hands the socket over
            return Verdict.FETCH;
        }
        if (!(frame instanceof Pong) && !bucket.tryAcquire(arrivedNanos)) {
            return rateLimited(frame instanceof Request r ? r.id() : null);
        }
        try {
            return dispatch(frame);
        } catch (ProtocolException e) {
            return report(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is closing this connection
            return Verdict.FATAL;
        }
    }

    /** Sends {@code e} (from the framing or a deadline) and says whether the connection ends. */
    Verdict report(ProtocolException e) {
        out.deliver(ErrorFrame.of(e));
        if (e.code().fatal()) {
            // The message escaped and capped any client text it quotes (ClientText.echo, at the source).
            LOG.log(Level.INFO, who + (joined() ? " (" + ClientText.escape(name) + ")" : "") + " dropped: " + e);
            return Verdict.FATAL;
        }
        LOG.log(Level.DEBUG, () -> who + " error: " + e);
        return Verdict.CONTINUE;
    }

    private Verdict decodeFailed(ProtocolException e, long arrivedNanos) {
        boolean garbage = e.code() == ErrorCode.BAD_FRAME || e.code() == ErrorCode.UNKNOWN_TYPE;
        badFrames = garbage ? badFrames + 1 : 0;
        if (badFrames >= MAX_BAD_FRAMES) {
            return report(new ProtocolException(ErrorCode.TOO_MANY_BAD_FRAMES,
                    MAX_BAD_FRAMES + " invalid lines in a row; last: " + e.getMessage()));
        }
        if (!bucket.tryAcquire(arrivedNanos)) {
            return rateLimited(e.re().isPresent() ? e.re().getAsLong() : null);
        }
        return report(e);
    }

    private Verdict rateLimited(Long re) {
        out.deliver(new ErrorFrame(re, ErrorCode.RATE_LIMITED, "too many frames, slow down; this one was dropped"));
        return Verdict.CONTINUE;
    }

    private Verdict dispatch(ClientFrame frame) throws InterruptedException {
        switch (frame) {
            case Hello hello -> join(hello);
            case Ping ping -> out.deliver(new Pong(ping.id()));
            case Pong pong -> {
                // Any complete line already moved the idle deadline; a pong needs no answer.
                if (!joined()) {
                    throw new ProtocolException(ErrorCode.NOT_JOINED, "say hello first");
                }
            }
            case Quit quit -> {
                out.deliver(new Bye(quit.id()));
                return Verdict.QUIT;
            }
            case Send send -> {
                Router.Routed routed = router.route(out, requireJoined(send), send);
                routed.receipt().thenAccept(out::deliver); // on the store's writer thread, once durable
                lagNanos += pacer.charge(routed.fanoutBytes());
            }
            case Register register -> register(register);
            case ChangePassword change -> changePassword(change);
            case HistoryRequest request -> {
                requireJoined(request);
                deliverPages(Pages.history(request.id(), context.history().page(request, key, visible)));
            }
            case ListUsers list -> {
                requireJoined(list);
                UserRegistry.Listing listing = registry.listing();
                deliverPages(Pages.userList(list.id(), listing.names(), listing.away()));
            }
            case Away away -> {
                requireJoined(away);
                registry.away(out, away.reason());
                out.deliver(new Ok(away.id()));
            }
            case ListFiles list -> {
                requireJoined(list);
                java.util.List<dev.chat.wire.frame.FileEntry> listed;
                try {
                    listed = files.list();
                } catch (ProtocolException e) {
                    throw e.withRe(list.id()); // FILES_UNAVAILABLE, not an empty list
                }
                deliverPages(Pages.fileList(list.id(), listed));
            }
            case Download download -> {
                requireJoined(download);
                if (transfers == null) {
                    throw new ProtocolException(ErrorCode.FILE_NOT_FOUND, "this daemon offers no downloads", download.id());
                }
                transfers.request(download, out::deliver); // the reply comes later, from another thread
            }
            case Fetch f -> throw new ProtocolException(ErrorCode.BAD_FRAME,
                    "fetch is only valid as the first line of a data connection");
        }
        return Verdict.CONTINUE;
    }

    /**
     * A long answer goes out page by page against this connection's own budget: a client that asks
     * and does not read stops being read itself, and holds one soft bound of memory, not the answer.
     */
    private void deliverPages(List<ServerFrame> pages) throws InterruptedException {
        for (ServerFrame page : pages) {
            if (!out.deliverPaced(page)) {
                return; // closed or kicked while waiting: nobody is left to read the rest
            }
        }
    }

    private void join(Hello hello) {
        if (joined()) {
            throw new ProtocolException(ErrorCode.ALREADY_JOINED, "already joined as '" + name + "'", hello.id());
        }
        if (hello.version() != Limits.PROTOCOL_VERSION) {
            throw new ProtocolException(ErrorCode.PROTOCOL_VERSION, "this daemon speaks version "
                    + Limits.PROTOCOL_VERSION + ", not " + hello.version(), hello.id());
        }
        String display;
        boolean verified;
        UserRegistry.Joined joined;
        try {
            display = Names.validate(hello.name());
            verified = context.logins().admit(Names.key(display), display, hello.password(), origin, hello.id());
            joined = registry.join(new UserRegistry.JoinRequest(display, out, hello.id(), verified, hello.resume(),
                    codec.resumes(), this::replaced));
        } catch (ProtocolException e) {
            throw refused(e, hello.id());
        }
        name = display;
        key = Names.key(display);
        registered = verified;
        visible = visibility(joined);
        List<PrivateMessage> offline = verified ? takeOffline() : List.of();
        Long lastSeen = joined.resumed() || verified ? hello.lastSeen() : null;
        List<Message> history = context.history().replay(key, lastSeen, joined.upTo(), joined.barrier(), visible, offline);
        out.openRoom(Pages.welcome(hello.id(), display, joined.online(), registry.awayNames(), DaemonConfig.SERVER,
                context.config().limits(),
                verified ? AccountKind.REGISTERED : AccountKind.GUEST, joined.token(), history));
        LOG.log(Level.INFO, who + " joined as " + ClientText.escape(display) + (verified ? " (registered)" : "")
                + (joined.resumed() ? " (resumed)" : ""));
    }

    /** Under the registry's lock: mark, then let the connection end (it queues the last frame and closes). */
    private void replaced() {
        replaced = true;
        onReplaced.run();
    }

    /**
     * A registered user sees its conversations since it registered; a guest only those of its own
     * session (or of the session it resumed), not an earlier guest's under the same name.
     */
    private Predicate<PrivateMessage> visibility(UserRegistry.Joined joined) {
        if (registered) {
            Instant since = context.logins().account(key, 0).map(Account::created).orElse(Instant.EPOCH);
            return m -> !m.time().isBefore(since);
        }
        long since = joined.since();
        return m -> m.id() > since;
    }

    /** The registered user's offline messages, marked delivered; empty if the store cannot hand them over now. */
    private List<PrivateMessage> takeOffline() {
        try {
            return context.history().store().takeOffline(key).get();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, who + " offline messages not taken: " + e.getCause());
            return List.of(); // still pending: the next login gets them
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private void register(Register register) {
        requireJoined(register);
        if (registered) {
            throw new ProtocolException(ErrorCode.ALREADY_REGISTERED, "'" + name + "' is registered already",
                    register.id());
        }
        context.logins().register(key, name, register.password(), origin, register.id());
        registered = true; // its history still shows this session's conversations only, until it logs in again
        out.deliver(new Ok(register.id()));
        LOG.log(Level.INFO, who + " registered " + ClientText.escape(name));
    }

    private void changePassword(ChangePassword change) {
        requireJoined(change);
        if (!registered) {
            throw new ProtocolException(ErrorCode.NOT_REGISTERED, "'" + name + "' is not registered: /register first",
                    change.id());
        }
        context.logins().changePassword(key, name, change.old(), change.password(), origin, change.id());
        out.deliver(new Ok(change.id()));
    }

    /**
     * A refused name costs the connection something beyond its token: after
     * {@link #MAX_REFUSED_HELLOS} refusals it is dropped, so one bad hello repeated forever is not
     * free, while a person trying a few taken names in text mode is not hurt.
     */
    private ProtocolException refused(ProtocolException e, long re) {
        boolean nameRefused = switch (e.code()) {
            case NAME_INVALID, NAME_TAKEN, PASSWORD_REQUIRED, WRONG_PASSWORD, ACCOUNT_LOCKED, THROTTLED -> true;
            default -> false;
        };
        if (!nameRefused || ++refusedHellos < MAX_REFUSED_HELLOS) {
            return e.withRe(re);
        }
        return new ProtocolException(ErrorCode.TOO_MANY_BAD_FRAMES,
                MAX_REFUSED_HELLOS + " names refused on this connection; last: " + e.getMessage());
    }

    private String requireJoined(Request request) {
        if (!joined()) {
            throw new ProtocolException(ErrorCode.NOT_JOINED, "say hello first", request.id());
        }
        return name;
    }
}
