package dev.chat.client.command;

import dev.chat.client.TransferProtocol;
import dev.chat.wire.Names;
import dev.chat.wire.ProtocolException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Parses one line into a {@link Command}. Pure: no I/O, no state.
 *
 * <ul>
 *   <li>blank lines and lines starting with {@code #}: nothing;</li>
 *   <li>{@code /to NAME}, {@code /users}, {@code /files}, {@code /get FILE [tcp|udp]},
 *       {@code /expect TEXT [SECONDS]}, {@code /sleep MS}, {@code /cancel ID}, {@code /clear},
 *       {@code /clear transfers}, {@code /joins all|smart}, {@code /msg NAME text}, {@code /reconnect}, {@code /nick NAME},
 *       {@code /me TEXT}, {@code /away [REASON]}, {@code /back}, {@code /help}, {@code /quit}: commands;</li>
 *   <li>{@code //text}: the text {@code /text} for the current target;</li>
 *   <li>{@code NAME: text}: text for NAME ({@code all} is everyone), when NAME is a valid name and the
 *       colon is not followed by {@code //} ({@code https://...} is text, not an address);</li>
 *   <li>anything else: text for the current target.</li>
 * </ul>
 */
public final class CommandParser {
    /** The slash commands, for {@code /help} and completion. */
    public static final List<String> COMMANDS = List.of("/to", "/me", "/away", "/back", "/users", "/files", "/get", "/expect", "/sleep",
            "/cancel", "/clear", "/joins", "/msg", "/query", "/close", "/search", "/bell", "/reconnect", "/nick", "/history",
            "/register", "/password", "/help", "/quit");
    /** The commands only the full-screen client carries out: line mode does not offer them on Tab. */
    public static final java.util.Set<String> FULL_SCREEN_ONLY = java.util.Set.of("/clear", "/joins", "/close", "/search",
            "/bell");
    static final String GET_USAGE = "usage: /get FILE [tcp|udp]";
    /** Last words of a /get that mean "a protocol" to a person, but not one we speak. */
    private static final java.util.Set<String> OTHER_PROTOCOLS = java.util.Set.of("ftp", "sftp", "http", "https",
            "scp", "rsync", "smb", "quic", "sctp", "ssh", "tftp", "ws", "wss");
    static final Duration DEFAULT_EXPECT = Duration.ofSeconds(10);
    /** Bounds that keep a mistyped script from hanging for days. */
    static final long MAX_EXPECT_SECONDS = 3_600;
    static final long MAX_SLEEP_MILLIS = 3_600_000;

    private CommandParser() {
    }

    public static Command parse(String line) {
        if (line.isBlank() || line.startsWith("#")) {
            return new Command.Nothing();
        }
        if (line.startsWith("//")) {
            return new Command.SendToCurrent(line.substring(1));
        }
        if (line.startsWith("/")) {
            return slashCommand(line.strip());
        }
        int colon = line.indexOf(':');
        // "http://x", "ftp://x": a scheme, never an address.
        if (colon > 0 && !line.startsWith("//", colon + 1)) {
            String target = line.substring(0, colon);
            if (isTarget(target)) {
                return new Command.SendTo(target, line.substring(colon + 1).stripLeading());
            }
        }
        return new Command.SendToCurrent(line);
    }

    private static Command slashCommand(String line) {
        int space = indexOfWhitespace(line);
        String name = line.substring(1, space < 0 ? line.length() : space);
        String rest = space < 0 ? "" : line.substring(space).strip();
        return switch (name) {
            case "to" -> to(rest);
            case "me" -> rest.isEmpty() ? new Command.Invalid("usage: /me TEXT") : new Command.Action(rest);
            case "away" -> new Command.Away(rest.isEmpty() ? null : rest);
            case "back" -> rest.isEmpty() ? new Command.Away(null) : new Command.Invalid("usage: /back (/away REASON sets it)");
            case "users" -> rest.isEmpty() ? new Command.ListUsers() : new Command.Invalid("usage: /users");
            case "files" -> rest.isEmpty() ? new Command.ListFiles() : new Command.Invalid("usage: /files");
            case "get" -> get(rest);
            case "expect" -> expect(rest);
            case "sleep" -> sleep(rest);
            case "cancel" -> cancel(rest);
            case "clear" -> switch (rest) {
                case "" -> new Command.Clear();
                case "transfers" -> new Command.ClearTransfers();
                default -> new Command.Invalid("usage: /clear [transfers]");
            };
            case "joins" -> switch (rest) {
                case "all" -> new Command.JoinLines(true);
                case "smart" -> new Command.JoinLines(false);
                default -> new Command.Invalid("usage: /joins all|smart");
            };
            case "query" -> query(rest);
            case "close" -> rest.isEmpty() ? new Command.Close() : new Command.Invalid("usage: /close (closes the buffer shown)");
            case "search" -> rest.isEmpty() ? new Command.Invalid("usage: /search TEXT") : new Command.Search(rest);
            case "bell" -> switch (rest) {
                case "on" -> new Command.Bell(true);
                case "off" -> new Command.Bell(false);
                default -> new Command.Invalid("usage: /bell on|off");
            };
            case "history" -> history(rest);
            case "register" -> rest.isEmpty() ? new Command.Register()
                    : new Command.Invalid("usage: /register (the password is asked for, never typed on the line)");
            case "password" -> rest.isEmpty() ? new Command.ChangePassword()
                    : new Command.Invalid("usage: /password (the passwords are asked for, never typed on the line)");
            case "quit" -> rest.isEmpty() ? new Command.Quit() : new Command.Invalid("usage: /quit");
            case "msg" -> msg(rest);
            case "reconnect" -> rest.isEmpty() ? new Command.Reconnect() : new Command.Invalid("usage: /reconnect");
            case "nick" -> nick(rest);
            case "help" -> new Command.Help();
            default -> new Command.Invalid("unknown command /" + name + " (try /help)");
        };
    }

    /** Messages {@code /history} shows without a count. */
    static final int HISTORY_DEFAULT = 20;

    private static Command history(String rest) {
        if (rest.isEmpty()) {
            return new Command.History(HISTORY_DEFAULT);
        }
        try {
            int n = Integer.parseInt(rest);
            if (n >= 1 && n <= dev.chat.wire.Limits.MAX_HISTORY) {
                return new Command.History(n);
            }
        } catch (NumberFormatException e) {
            // the usage below says what is allowed
        }
        return new Command.Invalid("usage: /history [N], N from 1 to " + dev.chat.wire.Limits.MAX_HISTORY);
    }

    private static Command query(String rest) {
        if (rest.isEmpty() || indexOfWhitespace(rest) >= 0) {
            return new Command.Invalid("usage: /query NAME");
        }
        if (dev.chat.wire.Names.isBroadcast(rest)) {
            return new Command.Invalid("the room is buffer 1 (Alt-1): /query opens a private conversation");
        }
        return isTarget(rest) ? new Command.Query(rest) : new Command.Invalid("'" + rest + "' is not a valid name");
    }

    private static Command to(String rest) {
        if (rest.isEmpty() || indexOfWhitespace(rest) >= 0) {
            return new Command.Invalid("usage: /to NAME");
        }
        return isTarget(rest) ? new Command.SwitchTarget(rest) : new Command.Invalid("'" + rest + "' is not a valid name");
    }

    /**
     * The protocol is the last word when it is tcp or udp; the file name is everything before it. A
     * last word that looks like a protocol but is another one ({@code ftp}, {@code http}) is a usage
     * error, not part of the name: {@code /get x ftp} must not ask the daemon for a file "x ftp".
     * A shared name that really ends in such a word can still be fetched by naming the protocol.
     */
    private static Command get(String rest) {
        if (rest.isEmpty()) {
            return new Command.Invalid(GET_USAGE);
        }
        int last = lastIndexOfWhitespace(rest);
        if (last > 0) {
            String word = rest.substring(last + 1);
            Optional<TransferProtocol> protocol = TransferProtocol.parse(word);
            if (protocol.isPresent()) {
                return new Command.Get(rest.substring(0, last).strip(), protocol.get());
            }
            if (OTHER_PROTOCOLS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
                return new Command.Invalid("unknown protocol '" + word + "': " + GET_USAGE);
            }
        }
        return new Command.Get(rest, TransferProtocol.UDP);
    }

    /** A trailing whole number after some text is the timeout in seconds. */
    private static Command expect(String rest) {
        if (rest.isEmpty()) {
            return new Command.Invalid("usage: /expect TEXT [SECONDS]");
        }
        int last = lastIndexOfWhitespace(rest);
        if (last > 0 && digits(rest.substring(last + 1))) {
            OptionalNumber seconds = OptionalNumber.parse(rest.substring(last + 1), 1, MAX_EXPECT_SECONDS);
            if (seconds.value() < 0) {
                return new Command.Invalid("/expect: SECONDS must be 1.." + MAX_EXPECT_SECONDS);
            }
            return new Command.Expect(rest.substring(0, last).strip(), Duration.ofSeconds(seconds.value()));
        }
        return new Command.Expect(rest, DEFAULT_EXPECT);
    }

    /** {@code /msg NAME text}, as in irssi: the same as {@code NAME: text}, the current target unchanged. */
    private static Command msg(String rest) {
        int space = indexOfWhitespace(rest);
        if (space <= 0 || rest.substring(space).isBlank()) {
            return new Command.Invalid("usage: /msg NAME text");
        }
        String target = rest.substring(0, space);
        return isTarget(target) ? new Command.SendTo(target, rest.substring(space).strip())
                : new Command.Invalid("'" + target + "' is not a valid name");
    }

    private static Command nick(String rest) {
        if (rest.isEmpty() || indexOfWhitespace(rest) >= 0) {
            return new Command.Invalid("usage: /nick NAME");
        }
        try {
            return new Command.Nick(Names.validate(rest));
        } catch (ProtocolException e) {
            return new Command.Invalid("'" + rest + "' is not a valid name: " + e.getMessage());
        }
    }

    private static Command cancel(String rest) {
        OptionalNumber id = OptionalNumber.parse(rest, 1, 999_999);
        return id.value() < 0 ? new Command.Invalid("usage: /cancel ID (the transfer's number)")
                : new Command.Cancel((int) id.value());
    }

    private static Command sleep(String rest) {
        OptionalNumber millis = OptionalNumber.parse(rest, 0, MAX_SLEEP_MILLIS);
        return millis.value() < 0 ? new Command.Invalid("usage: /sleep MS (0.." + MAX_SLEEP_MILLIS + ")")
                : new Command.Sleep(Duration.ofMillis(millis.value()));
    }

    /** True for {@code all} and for anything that could be a user's name. */
    public static boolean isTarget(String word) {
        if (Names.isBroadcast(word)) {
            return true;
        }
        try {
            Names.validate(word);
            return true;
        } catch (ProtocolException e) {
            return false;
        }
    }

    private static boolean digits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOfWhitespace(String s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** A decimal number within bounds, or -1. */
    private record OptionalNumber(long value) {
        static OptionalNumber parse(String text, long min, long max) {
            if (text.isEmpty() || text.length() > 12 || !digits(text)) {
                return new OptionalNumber(-1);
            }
            long value = Long.parseLong(text);
            return new OptionalNumber(value < min || value > max ? -1 : value);
        }
    }
}
