package dev.chat.daemon.irc;

import dev.chat.wire.Limits;
import dev.chat.wire.Names;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.Quit;
import dev.chat.wire.irc.IrcMessage;
import dev.chat.wire.irc.IrcNicks;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Connection registration (modern.ircdocs.horse "Connection Registration"): CAP negotiation
 * (LS 302, REQ, LIST, END), SASL PLAIN (AUTHENTICATE), PASS, NICK and USER in any order; once a
 * nick and a user are known and no negotiation is open, the {@code hello} goes to the core. A
 * refused hello (a taken or invalid nick) lets the client send another NICK. Reader thread only,
 * apart from {@link #refused}, which the reader calls too (the refusal is delivered on it).
 */
final class IrcRegistration {
    /** A SASL message arrives in pieces of this many bytes; a shorter one (or "+") ends it. */
    private static final int SASL_CHUNK = 400;
    /** Base64 of the longest PLAIN message we accept: names and a password of the chat limits. */
    private static final int MAX_SASL_BYTES = 4 * ((2 * Names.MAX_INPUT_CHARS * 4 + Limits.MAX_PASSWORD_CHARS * 4 + 2) / 3 + 1);

    private final IrcCodec codec;
    private String requestedNick;
    private boolean userGiven;
    private boolean negotiating;
    private boolean helloSent;
    private String password;
    private String saslAccount;
    private StringBuilder saslBuffer;
    private boolean saslPlain;

    IrcRegistration(IrcCodec codec) {
        this.codec = codec;
    }

    ClientFrame decode(IrcMessage m, long id) {
        return switch (m.command()) {
            case "CAP" -> cap(m, id);
            case "AUTHENTICATE" -> authenticate(m, id);
            case "PASS" -> {
                if (m.param(0) == null) {
                    yield codec.local(id, codec.numeric(Numeric.ERR_NEEDMOREPARAMS, "PASS", "Not enough parameters"));
                }
                password = m.param(0);
                yield codec.local(id);
            }
            case "NICK" -> nick(m, id);
            case "USER" -> {
                if (m.params().size() < 4 || m.param(0).isEmpty() || m.param(3).isEmpty()) {
                    yield codec.local(id, codec.numeric(Numeric.ERR_NEEDMOREPARAMS, "USER", "Not enough parameters"));
                }
                userGiven = true;
                yield proceed(id);
            }
            case "PING" -> IrcCommands.ping(codec, m, id);
            case "PONG" -> codec.local(id);
            case "QUIT" -> codec.ask(id, new Pending.Quit(m.param(0)), new Quit(id));
            default -> codec.local(id, codec.numeric(Numeric.ERR_NOTREGISTERED, "You have not registered"));
        };
    }

    /** The core refused the hello, or dropped it: the client may try another nick. */
    void refused() {
        helloSent = false;
        requestedNick = null;
    }

    private ClientFrame nick(IrcMessage m, long id) {
        String nick = m.param(0);
        if (nick == null || nick.isEmpty()) {
            return codec.local(id, codec.numeric(Numeric.ERR_NONICKNAMEGIVEN, "No nickname given"));
        }
        Optional<String> error = IrcCommands.nickError(nick);
        if (error.isPresent()) {
            return codec.local(id, codec.numeric(Numeric.ERR_ERRONEUSNICKNAME, nick, error.get()));
        }
        if (helloSent) {
            return codec.local(id); // the join is under way; its welcome names the nick
        }
        requestedNick = nick;
        codec.nick = nick;
        return proceed(id);
    }

    /** The hello when registration is complete, else nothing to answer. */
    private ClientFrame proceed(long id) {
        if (requestedNick == null || !userGiven || negotiating || helloSent) {
            return codec.local(id);
        }
        helloSent = true;
        String name = saslAccount != null ? saslAccount : IrcNicks.toName(requestedNick).orElseThrow();
        return codec.ask(id, new Pending.Registration(requestedNick),
                new Hello(id, name, Limits.PROTOCOL_VERSION, IrcCodec.CLIENT, password, null, null));
    }

    private ClientFrame cap(IrcMessage m, long id) {
        String sub = m.param(0) == null ? "" : m.param(0).toUpperCase(java.util.Locale.ROOT);
        return switch (sub) {
            case "LS" -> {
                negotiating = true;
                boolean v302 = m.param(1) != null && m.param(1).compareTo("302") >= 0;
                yield codec.local(id, IrcMessage.of(codec.server, "CAP", codec.nick, "LS", offered(v302)));
            }
            case "LIST" -> codec.local(id, IrcMessage.of(codec.server, "CAP", codec.nick, "LIST", names(codec.caps())));
            case "REQ" -> {
                negotiating = true;
                yield codec.local(id, IrcCommands.capReq(codec, m.param(1) == null ? "" : m.param(1)));
            }
            case "END" -> {
                negotiating = false;
                yield proceed(id);
            }
            default -> codec.local(id, codec.numeric(Numeric.ERR_INVALIDCAPCMD, sub.isEmpty() ? "*" : sub,
                    "Invalid CAP command"));
        };
    }

    /** The capabilities on offer; sasl only where a password may travel (TLS, or --plaintext-login). */
    private String offered(boolean withValues) {
        List<String> names = new ArrayList<>();
        for (Cap cap : offeredCaps(codec)) {
            names.add(cap.advertised(withValues));
        }
        return String.join(" ", names);
    }

    static Set<Cap> offeredCaps(IrcCodec codec) {
        Set<Cap> caps = EnumSet.allOf(Cap.class);
        if (!codec.auth.acceptsPasswords()) {
            caps.remove(Cap.SASL);
        }
        return caps;
    }

    static String names(Set<Cap> caps) {
        List<String> names = new ArrayList<>();
        caps.forEach(c -> names.add(c.wireName()));
        return String.join(" ", names);
    }

    private ClientFrame authenticate(IrcMessage m, long id) {
        String arg = m.param(0);
        if (!codec.has(Cap.SASL) || arg == null) {
            return codec.local(id, codec.numeric(Numeric.ERR_SASLFAIL, "SASL authentication failed"));
        }
        if (saslAccount != null) {
            return codec.local(id, codec.numeric(Numeric.ERR_SASLALREADY, "You have already authenticated using SASL"));
        }
        if (arg.equals("*")) {
            saslPlain = false;
            saslBuffer = null;
            return codec.local(id, codec.numeric(Numeric.ERR_SASLABORTED, "SASL authentication aborted"));
        }
        if (!saslPlain) {
            if (!arg.equalsIgnoreCase("PLAIN")) {
                return codec.local(id, codec.numeric(Numeric.RPL_SASLMECHS, "PLAIN", "are available SASL mechanisms"),
                        codec.numeric(Numeric.ERR_SASLFAIL, "SASL authentication failed"));
            }
            saslPlain = true;
            saslBuffer = new StringBuilder();
            return codec.local(id, IrcMessage.of(null, "AUTHENTICATE", "+"));
        }
        if (!arg.equals("+")) {
            saslBuffer.append(arg);
        }
        if (saslBuffer.length() > MAX_SASL_BYTES) {
            saslPlain = false;
            saslBuffer = null;
            return codec.local(id, codec.numeric(Numeric.ERR_SASLTOOLONG, "SASL message too long"));
        }
        if (arg.length() == SASL_CHUNK) {
            return codec.local(id); // more pieces follow
        }
        String message = saslBuffer.toString();
        saslPlain = false;
        saslBuffer = null;
        return codec.local(id, plain(message));
    }

    /** Checks {@code authzid \0 authcid \0 password} (base64) against the accounts. */
    private List<IrcMessage> plain(String base64) {
        String[] parts;
        try {
            parts = new String(java.util.Base64.getDecoder().decode(base64), java.nio.charset.StandardCharsets.UTF_8)
                    .split("\u0000", -1);
        } catch (IllegalArgumentException e) {
            parts = new String[0];
        }
        if (parts.length != 3) {
            return List.of(codec.numeric(Numeric.ERR_SASLFAIL, "SASL authentication failed: not a PLAIN message"));
        }
        String account = parts[1].isEmpty() ? parts[0] : parts[1];
        try {
            String display = codec.auth.verify(account, parts[2]);
            saslAccount = display;
            password = parts[2];
            String nick = IrcNicks.toNick(display);
            return List.of(codec.numeric(Numeric.RPL_LOGGEDIN, nick + "!u@" + IrcRoomCodec.HOST, nick,
                            "You are now logged in as " + nick),
                    codec.numeric(Numeric.RPL_SASLSUCCESS, "SASL authentication successful"));
        } catch (ProtocolException e) {
            return List.of(codec.numeric(Numeric.ERR_SASLFAIL, "SASL authentication failed: " + e.getMessage()));
        }
    }
}
