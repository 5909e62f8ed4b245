package dev.chat.daemon.irc;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.SessionCodec;
import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.Ping;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.irc.IrcMessage;
import dev.chat.wire.irc.IrcParser;
import dev.chat.wire.irc.IrcSyntaxException;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * IRC as a third codec of the one chat core: each IRC line becomes one chat request (a
 * {@code hello} once registered, {@code send} for PRIVMSG, {@code list_users} for NAMES/WHO/WHOIS,
 * {@code away}, {@code history} for CHATHISTORY, {@code list_files} for FILES, {@code quit}), and
 * each reply comes back as the numerics of the command that asked ({@link Pending}, by request
 * id). A command the codec answers itself (CAP, MODE, PING, TOPIC...) becomes a synthetic
 * {@code ping} whose {@code pong} carries its lines: so every IRC line passes the session's flood
 * limit, and its answer keeps its place among the connection's other frames.
 *
 * <p>Threads: {@link #decode} runs on the connection's reader thread, which alone changes the
 * registration state. {@link #encode} runs on whichever thread delivers a frame (the reader, a
 * sender's reader for a private message, the store's writer for a receipt, the writer for room
 * events through {@link #roomCodec()}); what it reads is volatile or concurrent.
 */
public final class IrcCodec implements SessionCodec {
    /** The client description sent in the {@code hello}. */
    public static final String CLIENT = "irc";
    /** Commands a first line may start with to select this codec. */
    private static final List<String> FIRST_WORDS = List.of("CAP", "NICK", "USER", "PASS");

    final IrcSettings settings;
    final String server;
    final Authenticator auth;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final IrcRegistration registration;
    private final IrcCommands commands;
    private final IrcReplies replies;
    /** The client's nick (escaped form); before the welcome, the one it asked for. */
    volatile String nick = "*";
    volatile String user = "u";
    private volatile Set<Cap> caps = Set.of();
    private volatile IrcRoomCodec room;

    public IrcCodec(IrcSettings settings, Authenticator auth) {
        this.settings = settings;
        this.server = settings.server();
        this.auth = auth;
        this.room = new IrcRoomCodec(server, settings.channel(), false, false, false);
        this.registration = new IrcRegistration(this);
        this.commands = new IrcCommands(this);
        this.replies = new IrcReplies(this);
    }

    /**
     * True when {@code firstLine} (its first bytes) starts with a command that only IRC clients send
     * first, and a space: a text-mode name has no space, so no text session is taken for IRC.
     */
    public static boolean selects(byte[] firstLine, int length) {
        String start = new String(firstLine, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String word : FIRST_WORDS) {
            if (start.length() > word.length() && start.regionMatches(true, 0, word, 0, word.length())
                    && start.charAt(word.length()) == ' ') {
                return true;
            }
        }
        return false;
    }

    /** The longest first-line prefix {@link #selects} needs to look at. */
    public static int sniffBytes() {
        return 5; // the longest first word and its space
    }

    @Override
    public ClientFrame decode(ByteBuffer line, boolean joined) {
        long id = nextId.getAndIncrement();
        IrcMessage message;
        try {
            message = IrcParser.parse(line);
        } catch (IrcSyntaxException e) {
            throw syntaxError(e, id, line);
        }
        return joined ? commands.decode(message, id) : registration.decode(message, id);
    }

    @Override
    public byte[] encode(ServerFrame frame) {
        List<IrcMessage> lines = replies.render(frame);
        return lines.isEmpty() ? null : IrcRoomCodec.bytes(lines);
    }

    @Override
    public SessionCodec roomCodec() {
        return room;
    }

    /** IRC users are not held: a client reconnecting after a drop has no resume token to show. */
    @Override
    public boolean resumes() {
        return false;
    }

    /** No DCC, no chat downloads: IRC clients see the file list only (FILES). */
    @Override
    public boolean downloads() {
        return false;
    }

    // --- shared by the registration, the commands and the replies ---

    /** The core refused or dropped the registration's hello. */
    void registrationRefused() {
        registration.refused();
    }

    IrcRoomCodec room() {
        return room;
    }

    Set<Cap> caps() {
        return caps;
    }

    boolean has(Cap cap) {
        return caps.contains(cap);
    }

    /** Replaces the enabled capabilities; the room codec follows (reader thread). */
    void caps(Set<Cap> enabled) {
        Set<Cap> copy = enabled.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(enabled));
        caps = copy;
        room = new IrcRoomCodec(server, settings.channel(), copy.contains(Cap.SERVER_TIME),
                copy.contains(Cap.MESSAGE_TAGS), copy.contains(Cap.AWAY_NOTIFY));
    }

    /** Remembers what request {@code id} was for. */
    <F extends ClientFrame> F ask(long id, Pending what, F frame) {
        pending.put(id, what);
        return frame;
    }

    /** Remembers what request {@code id} is for, before the frame is built (its checks may refuse it with the id). */
    void expect(long id, Pending what) {
        pending.put(id, what);
    }

    Pending pending(long re) {
        return pending.get(re);
    }

    Pending answered(long re) {
        return pending.remove(re);
    }

    /** Lines the codec answers itself, as the pong of a synthetic ping (see the class comment). */
    ClientFrame local(long id, List<IrcMessage> lines) {
        return ask(id, new Pending.Local(lines), new Ping(id));
    }

    ClientFrame local(long id, IrcMessage... lines) {
        return local(id, List.of(lines));
    }

    /** A numeric to this client: {@code :server NNN nick params...}. */
    IrcMessage numeric(String code, String... params) {
        String[] all = new String[params.length + 1];
        all[0] = nick;
        System.arraycopy(params, 0, all, 1, params.length);
        return IrcMessage.of(server, code, all);
    }

    /** A notice from the server to this client. */
    IrcMessage notice(String text) {
        return IrcMessage.of(server, "NOTICE", nick, text);
    }

    /** The command word of a line that is not UTF-8, for FAIL (standard replies); "*" when there is none. */
    private static String commandOf(ByteBuffer line) {
        String text = java.nio.charset.StandardCharsets.ISO_8859_1.decode(line.duplicate()).toString();
        for (String word : text.split(" ")) {
            if (!word.isEmpty() && !word.startsWith("@") && !word.startsWith(":")) {
                return word.matches("[A-Za-z]{1,20}") ? word.toUpperCase(java.util.Locale.ROOT) : "*";
            }
        }
        return "*";
    }

    /**
     * A line the parser refused. Its error answers the line's id, so it renders as a numeric
     * (417 for a long line); BAD_FRAME counts toward the session's garbage limit, as in JSON.
     */
    private ProtocolException syntaxError(IrcSyntaxException e, long id, ByteBuffer line) {
        boolean tooLong = e.kind() == IrcSyntaxException.Kind.TOO_LONG || e.kind() == IrcSyntaxException.Kind.TAGS_TOO_LONG;
        IrcMessage reply = tooLong ? numeric(Numeric.ERR_INPUTTOOLONG, "Input line was too long")
                : e.kind() == IrcSyntaxException.Kind.NOT_UTF8
                ? IrcMessage.of(server, "FAIL", commandOf(line), "INVALID_UTF8", "Message rejected: not UTF-8")
                : notice("Invalid line: " + e.getMessage());
        pending.put(id, new Pending.Local(List.of(reply)));
        return new ProtocolException(tooLong ? ErrorCode.MESSAGE_TOO_LONG : ErrorCode.BAD_FRAME, e.getMessage(), id);
    }
}
