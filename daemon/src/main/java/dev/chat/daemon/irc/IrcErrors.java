package dev.chat.daemon.irc;

import dev.chat.wire.ChatText;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.irc.IrcMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * A chat {@code error} as IRC shows it: the numeric of the command it answers (433 for a taken
 * nick, 401 for an unknown target...), a NOTICE otherwise (always for a line the flood limit
 * dropped, which is not answered at all), and {@code ERROR :Closing Link} before a
 * fatal one closes the connection. A NOTICE command gets no error back (RFC 2812 3.3.2).
 */
final class IrcErrors {
    /** An error message shown in a NOTICE is cut here, so the line stays under 512 bytes. */
    private static final int MAX_TEXT_CHARS = 300;

    private IrcErrors() {
    }

    static List<IrcMessage> render(IrcCodec codec, ErrorFrame e) {
        Pending pending = e.re() == null ? null : codec.answered(e.re());
        if (e.code() == ErrorCode.RATE_LIMITED) { // the line was dropped, whatever it asked
            if (pending instanceof Pending.Registration) {
                codec.registrationRefused();
            }
            return List.of(codec.notice(text(e)));
        }
        List<IrcMessage> lines = new ArrayList<>(switch (pending) {
            case Pending.Local local -> local.lines();
            case Pending.Registration r -> registration(codec, r, e);
            case Pending.Said said -> said.command().equals("NOTICE") ? List.<IrcMessage>of() : said(codec, said, e);
            case null, default -> List.of(codec.notice(text(e)));
        });
        if (e.code().fatal()) {
            lines.add(IrcMessage.of(null, "ERROR", "Closing Link: " + codec.nick + " (" + text(e) + ")"));
        }
        return lines;
    }

    private static List<IrcMessage> registration(IrcCodec codec, Pending.Registration r, ErrorFrame e) {
        codec.registrationRefused();
        return switch (e.code()) {
            case NAME_TAKEN -> List.of(IrcMessage.of(codec.server, Numeric.ERR_NICKNAMEINUSE, "*", r.nick(),
                    "Nickname is already in use"));
            case PASSWORD_REQUIRED -> List.of(IrcMessage.of(codec.server, Numeric.ERR_NICKNAMEINUSE, "*", r.nick(),
                    "Nickname is registered: log in with SASL or PASS"));
            case NAME_INVALID -> List.of(IrcMessage.of(codec.server, Numeric.ERR_ERRONEUSNICKNAME, "*", r.nick(),
                    text(e)));
            case WRONG_PASSWORD, PLAINTEXT_LOGIN, ACCOUNT_LOCKED -> List.of(
                    IrcMessage.of(codec.server, Numeric.ERR_PASSWDMISMATCH, "*", text(e)));
            default -> List.of(codec.notice(text(e)));
        };
    }

    private static List<IrcMessage> said(IrcCodec codec, Pending.Said said, ErrorFrame e) {
        return List.of(switch (e.code()) {
            case UNKNOWN_TARGET -> codec.numeric(Numeric.ERR_NOSUCHNICK, said.target(), "No such nick/channel");
            case EMPTY_MESSAGE -> codec.numeric(Numeric.ERR_NOTEXTTOSEND, "No text to send");
            case MESSAGE_INVALID, MESSAGE_TOO_LONG -> IrcMessage.of(codec.server, "FAIL", said.command(),
                    "INVALID_MESSAGE", said.target(), text(e));
            default -> codec.notice(text(e));
        });
    }

    private static String text(ErrorFrame e) {
        String shown = ChatText.forDisplay(e.message());
        return e.code().name() + ": " + (shown.length() > MAX_TEXT_CHARS ? shown.substring(0, MAX_TEXT_CHARS) + "..." : shown);
    }
}
