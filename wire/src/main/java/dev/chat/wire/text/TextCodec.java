package dev.chat.wire.text;

import dev.chat.wire.ChatText;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.Limits;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.SessionCodec;
import dev.chat.wire.frame.Bye;
import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.FileList;
import dev.chat.wire.frame.DataHeader;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.HistoryPage;
import dev.chat.wire.frame.HistoryRequest;
import dev.chat.wire.frame.ListUsers;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Ok;
import dev.chat.wire.frame.Ping;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.Quit;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.ClusterStatus;
import dev.chat.wire.frame.Shutdown;
import dev.chat.wire.frame.TransferStats;
import dev.chat.wire.frame.UserAway;
import dev.chat.wire.frame.UserJoined;
import dev.chat.wire.frame.UserLeft;
import dev.chat.wire.frame.UserList;
import dev.chat.wire.frame.Welcome;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The human text mode, for {@code nc} and {@code telnet}: plain lines in, readable lines out.
 *
 * <p>Until the session has joined, every line is a name attempt ({@code hello}). After that a line
 * is {@code Target: message} ({@code all: hi} for everyone), {@code /users}, {@code /history [N]} or {@code /quit};
 * a blank line is a silent keep-alive ({@code ping}, whose {@code pong} shows nothing). Requests
 * get synthetic ids from a per-codec counter. Output lines start with {@code *} for events,
 * {@code !} for errors and {@code [HH:MM:SS]} (in the given zone) for messages.
 *
 * <p>One instance per connection. {@link #decode} is called by the reader thread only;
 * {@link #encode} is stateless and may be called from any thread.
 */
public final class TextCodec implements SessionCodec {
    /** The client description sent in the synthetic {@code hello}. */
    public static final String CLIENT = "text";

    /** Messages {@code /history} shows without a count. */
    static final int HISTORY_DEFAULT = 20;

    static final String FORMAT_HELP = "write 'name: message', 'all: message', /users, /history [N] or /quit";

    /** U+FEFF, which editors on some systems put at the start of a file piped into nc. */
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final DateTimeFormatter clock;
    private final AtomicLong nextId = new AtomicLong(1);
    private boolean firstLine = true;

    /** @param zone the time zone in which message times are shown */
    public TextCodec(ZoneId zone) {
        this.clock = CLOCK.withZone(zone);
    }

    @Override
    public boolean answersPings() {
        return false;
    }

    @Override
    public ClientFrame decode(ByteBuffer line, boolean joined) {
        String text = withoutLeadingMark(utf8(line)).strip();
        long id = nextId.getAndIncrement();
        if (text.equals("/quit")) {
            return new Quit(id);
        }
        if (!joined) {
            return new Hello(id, text, Limits.PROTOCOL_VERSION, CLIENT);
        }
        if (text.isEmpty()) {
            return new Ping(id);
        }
        if (text.equals("/users")) {
            return new ListUsers(id);
        }
        if (text.equals("/history") || text.startsWith("/history ")) {
            return history(id, text.substring("/history".length()).strip());
        }
        int colon = text.indexOf(':');
        if (text.startsWith("/") || colon <= 0) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, FORMAT_HELP, id);
        }
        String target = text.substring(0, colon).strip();
        String message = text.substring(colon + 1).strip();
        return new Send(id, target, message);
    }

    /** {@code /history} or {@code /history N}: the last N (default {@link #HISTORY_DEFAULT}) messages. */
    private static HistoryRequest history(long id, String count) {
        if (count.isEmpty()) {
            return new HistoryRequest(id, null, null, HISTORY_DEFAULT);
        }
        try {
            int n = Integer.parseInt(count);
            if (n >= 1 && n <= Limits.MAX_HISTORY) {
                return new HistoryRequest(id, null, null, n);
            }
        } catch (NumberFormatException e) {
            // the help below says what is allowed
        }
        throw new ProtocolException(ErrorCode.BAD_FRAME, "write /history or /history N, N from 1 to "
                + Limits.MAX_HISTORY, id);
    }

    /**
     * A byte-order mark is dropped from the start of the connection's first line only: there it marks
     * the encoding of a piped file; anywhere later it is a character like any other.
     */
    private String withoutLeadingMark(String text) {
        boolean first = firstLine;
        firstLine = false;
        return first && !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    @Override
    public byte[] encode(ServerFrame frame) {
        String line = render(frame);
        return line == null ? null : (line + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The line shown for {@code frame}, without a newline; null when nothing is shown. */
    String render(ServerFrame frame) {
        return switch (frame) {
            case Welcome w -> welcome(w);
            case UserList u -> "* users (" + count(u.users().size(), u.more()) + "): " + join(u.users());
            case Message m -> message(m);
            case HistoryPage h -> historyPage(h);
            case Ok o -> null; // text sessions cannot register
            case UserJoined j -> "* " + safe(j.name()) + " joined";
            case UserLeft l -> "* " + safe(l.name()) + " left (" + l.reason().text() + ")";
            case UserAway a -> "* " + safe(a.name()) + (a.isBack() ? " is back" : " is away: " + safe(a.reason()));
            case ErrorFrame e -> "! " + e.code().name() + ": " + safe(e.message());
            case FileList f -> "* files (" + count(f.files().size(), f.more()) + "): " + files(f.files());
            case Bye b -> "* bye";
            case Shutdown s -> "* " + safe(s.message());
            case ClusterStatus c -> "* " + safe(c.message());
            case Sent s -> null;
            case Ping p -> null;
            case Pong p -> null;
            case DownloadReady d -> null; // text sessions cannot ask for downloads
            case DataHeader d -> null;
            case TransferStats t -> null; // sender statistics are for download progress displays
        };
    }

    private static String welcome(Welcome w) {
        int n = w.users().size();
        String online = w.more() ? n + "+ users online" : n == 1 ? "1 user online" : n + " users online";
        int past = w.historyCount();
        String history = past == 0 ? "" : past == 1 ? "; 1 earlier message follows" : "; " + past + " earlier messages follow";
        return "* welcome " + safe(w.name()) + ", " + online + ": " + join(w.users()) + history;
    }

    /**
     * A live message shows "you" for its recipient; a replayed one may be one this user sent, so it
     * names both ends, and is marked {@code (history)}.
     */
    private String message(Message m) {
        String time = "[" + clock.format(Instant.ofEpochMilli(m.ts())) + "] ";
        if (m.isHistory()) {
            return time + "(history) " + safe(m.from()) + " -> " + (m.isBroadcast() ? "all" : safe(m.to()))
                    + ": " + body(m);
        }
        return time + safe(m.from()) + " -> " + (m.isBroadcast() ? "all" : "you") + ": " + body(m);
    }

    /** The text; an action ({@code /me waves}) shows as {@code * alice waves}. */
    private static String body(Message m) {
        return m.isAction() ? "* " + safe(m.from()) + " " + safe(m.text()) : safe(m.text());
    }

    /** One line per message; an empty answer says so. */
    private String historyPage(HistoryPage page) {
        if (page.messages().isEmpty()) {
            return page.more() ? null : "* no history";
        }
        StringBuilder out = new StringBuilder();
        for (Message m : page.messages()) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(message(m.asHistory()));
        }
        return out.toString();
    }

    /** A page's count; "256, more follow" when further pages come. */
    private static String count(int n, boolean more) {
        return more ? n + ", more follow" : Integer.toString(n);
    }

    private static String join(List<String> names) {
        return safe(String.join(", ", names));
    }

    private static String files(List<FileEntry> files) {
        StringBuilder out = new StringBuilder();
        for (FileEntry file : files) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(safe(file.name())).append(" (").append(file.size()).append(" bytes)");
        }
        return out.toString();
    }

    /** Peer-chosen text under the one display rule ({@link ChatText#forDisplay}). */
    private static String safe(String s) {
        return ChatText.forDisplay(s);
    }

    private static String utf8(ByteBuffer line) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(line.duplicate())
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "the line is not valid UTF-8");
        }
    }
}
