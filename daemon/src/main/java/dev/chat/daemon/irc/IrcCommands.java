package dev.chat.daemon.irc;

import dev.chat.wire.Limits;
import dev.chat.wire.Names;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.Away;
import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.HistoryRequest;
import dev.chat.wire.frame.ListFiles;
import dev.chat.wire.frame.ListUsers;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.Quit;
import dev.chat.wire.frame.Send;
import dev.chat.wire.irc.IrcMessage;
import dev.chat.wire.irc.IrcNicks;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The commands of a registered IRC client, each mapped onto one chat request or answered by the
 * codec itself. Reader thread only.
 */
final class IrcCommands {
    private static final String CTCP = "\u0001";
    private static final String ACTION = CTCP + "ACTION ";

    private final IrcCodec codec;

    IrcCommands(IrcCodec codec) {
        this.codec = codec;
    }

    ClientFrame decode(IrcMessage m, long id) {
        return switch (m.command()) {
            case "PRIVMSG", "NOTICE" -> say(m, id);
            case "PING" -> ping(codec, m, id);
            case "PONG" -> pong(m, id);
            case "JOIN" -> join(m, id);
            case "PART" -> codec.local(id, codec.notice("Everyone online is in " + codec.settings.channel()
                    + "; /quit leaves it"));
            case "NAMES" -> users(id, Pending.Users.Kind.NAMES, codec.settings.channel());
            case "WHO" -> users(id, Pending.Users.Kind.WHO, m.param(0) == null ? "*" : m.param(0));
            case "WHOIS" -> m.param(0) == null
                    ? codec.local(id, codec.numeric(Numeric.ERR_NONICKNAMEGIVEN, "No nickname given"))
                    : users(id, Pending.Users.Kind.WHOIS, m.param(m.params().size() - 1));
            case "LIST" -> users(id, Pending.Users.Kind.LIST, codec.settings.channel());
            case "TOPIC" -> topic(m, id);
            case "MODE" -> codec.local(id, IrcModes.answer(codec, m));
            case "AWAY" -> {
                String reason = m.param(0);
                codec.expect(id, new Pending.Away(reason != null && !reason.isBlank()));
                yield new Away(id, reason);
            }
            case "NICK" -> nick(m, id);
            case "CAP" -> cap(m, id);
            case "CHATHISTORY" -> IrcHistory.request(codec, m, id);
            case "FILES" -> codec.ask(id, new Pending.Files(), new ListFiles(id));
            case "MOTD" -> codec.local(id, IrcReplies.motd(codec));
            case "USER", "PASS" -> codec.local(id, codec.numeric(Numeric.ERR_ALREADYREGISTERED, "You may not reregister"));
            case "AUTHENTICATE" -> codec.local(id, codec.numeric(Numeric.ERR_SASLALREADY,
                    "You have already registered"));
            case "USERHOST" -> codec.local(id, codec.numeric(Numeric.RPL_USERHOST, ""));
            case "QUIT" -> codec.ask(id, new Pending.Quit(m.param(0)), new Quit(id));
            default -> codec.local(id, codec.numeric(Numeric.ERR_UNKNOWNCOMMAND, m.command(), "Unknown command"));
        };
    }

    /** PING token: PONG server token; without a token, 461. */
    static ClientFrame ping(IrcCodec codec, IrcMessage m, long id) {
        if (m.param(0) == null) {
            return codec.local(id, codec.numeric(Numeric.ERR_NEEDMOREPARAMS, "PING", "Not enough parameters"));
        }
        return codec.local(id, IrcMessage.of(codec.server, "PONG", codec.server, m.param(0)));
    }

    /** Why {@code nick} cannot be a chat name, or empty when it can (canonical escapes, a valid chat name). */
    static Optional<String> nickError(String nick) {
        if (nick.length() > Names.MAX_INPUT_CHARS || !IrcNicks.isCanonical(nick)) {
            return Optional.of("Erroneous nickname");
        }
        try {
            Names.validate(IrcNicks.toName(nick).orElseThrow());
            return Optional.empty();
        } catch (ProtocolException e) {
            return Optional.of("Erroneous nickname: " + e.getMessage());
        }
    }

    /** CAP REQ: all or nothing (ACK or NAK), {@code -cap} removes one. */
    static IrcMessage capReq(IrcCodec codec, String request) {
        Set<Cap> offered = IrcRegistration.offeredCaps(codec);
        Set<Cap> next = codec.caps().isEmpty() ? EnumSet.noneOf(Cap.class) : EnumSet.copyOf(codec.caps());
        for (String word : request.trim().split(" +")) {
            boolean remove = word.startsWith("-");
            Optional<Cap> cap = Cap.byName(remove ? word.substring(1) : word);
            if (word.isEmpty() || cap.isEmpty() || !offered.contains(cap.get())) {
                return IrcMessage.of(codec.server, "CAP", codec.nick, "NAK", request);
            }
            if (remove) {
                next.remove(cap.get());
            } else {
                next.add(cap.get());
            }
        }
        codec.caps(next);
        return IrcMessage.of(codec.server, "CAP", codec.nick, "ACK", request);
    }

    private ClientFrame cap(IrcMessage m, long id) {
        String sub = m.param(0) == null ? "" : m.param(0).toUpperCase(java.util.Locale.ROOT);
        return switch (sub) {
            case "REQ" -> codec.local(id, capReq(codec, m.param(1) == null ? "" : m.param(1)));
            case "LIST" -> codec.local(id, IrcMessage.of(codec.server, "CAP", codec.nick, "LIST",
                    IrcRegistration.names(codec.caps())));
            case "LS" -> codec.local(id, IrcMessage.of(codec.server, "CAP", codec.nick, "LS",
                    IrcRegistration.names(IrcRegistration.offeredCaps(codec))));
            case "END" -> codec.local(id);
            default -> codec.local(id, codec.numeric(Numeric.ERR_INVALIDCAPCMD, sub.isEmpty() ? "*" : sub,
                    "Invalid CAP command"));
        };
    }

    /** PRIVMSG or NOTICE to the channel (a broadcast) or to a nick (private); CTCP ACTION is an action. */
    private ClientFrame say(IrcMessage m, long id) {
        String command = m.command();
        boolean notice = command.equals("NOTICE");
        if (m.param(0) == null) {
            return codec.local(id, notice ? List.of() : List.of(codec.numeric(Numeric.ERR_NORECIPIENT,
                    "No recipient given (" + command + ")")));
        }
        String target = m.param(0);
        String text = m.param(1);
        if (text == null || text.isEmpty()) {
            return codec.local(id, notice ? List.of() : List.of(codec.numeric(Numeric.ERR_NOTEXTTOSEND, "No text to send")));
        }
        boolean action = text.startsWith(ACTION);
        if (action) {
            text = text.substring(ACTION.length(), text.endsWith(CTCP) ? text.length() - 1 : text.length());
        } else if (text.startsWith(CTCP)) {
            return codec.local(id); // other CTCP queries: chat users cannot answer them
        }
        String to;
        if (codec.settings.isChannel(target)) {
            to = Names.ALL;
        } else if (target.startsWith("#")) {
            return codec.local(id, notice ? List.of() : List.of(codec.numeric(Numeric.ERR_NOSUCHCHANNEL, target,
                    "No such channel")));
        } else {
            Optional<String> name = IrcNicks.toName(target);
            if (name.isEmpty() || Names.isBroadcast(name.get())) {
                return codec.local(id, notice ? List.of() : List.of(codec.numeric(Numeric.ERR_NOSUCHNICK, target,
                        "No such nick/channel")));
            }
            to = name.get();
        }
        Map<String, String> clientTags = new java.util.LinkedHashMap<>();
        m.tags().forEach((k, v) -> {
            if (k.startsWith("+")) {
                clientTags.put(k, v);
            }
        });
        // Expected first: an invalid text is refused with this id and renders as this command's error.
        codec.expect(id, new Pending.Said(command, target, text, action, clientTags));
        return new Send(id, to, text, action);
    }

    private ClientFrame pong(IrcMessage m, long id) {
        String token = m.param(m.params().size() - 1);
        try {
            long answered = Long.parseLong(token == null ? "" : token);
            if (answered >= 1 && answered <= Limits.MAX_ID) {
                return new Pong(answered);
            }
        } catch (NumberFormatException e) {
            // not an answer to our heartbeat: nothing to do
        }
        return codec.local(id);
    }

    private ClientFrame join(IrcMessage m, long id) {
        String channels = m.param(0);
        if (channels == null) {
            return codec.local(id, codec.numeric(Numeric.ERR_NEEDMOREPARAMS, "JOIN", "Not enough parameters"));
        }
        List<IrcMessage> lines = new java.util.ArrayList<>();
        boolean ours = false;
        for (String channel : channels.split(",")) {
            if (codec.settings.isChannel(channel)) {
                ours = true;
            } else if (!channel.equals("0")) {
                lines.add(codec.numeric(Numeric.ERR_NOSUCHCHANNEL, channel, "No such channel (this server has "
                        + codec.settings.channel() + " only)"));
            }
        }
        if (ours && lines.isEmpty()) {
            // In the channel since registration: answered as a join is, so a client that waits for it goes on.
            return users(id, Pending.Users.Kind.JOIN, codec.settings.channel());
        }
        return codec.local(id, lines);
    }

    private ClientFrame topic(IrcMessage m, long id) {
        String channel = m.param(0);
        if (channel == null) {
            return codec.local(id, codec.numeric(Numeric.ERR_NEEDMOREPARAMS, "TOPIC", "Not enough parameters"));
        }
        if (!codec.settings.isChannel(channel)) {
            return codec.local(id, codec.numeric(Numeric.ERR_NOSUCHCHANNEL, channel, "No such channel"));
        }
        if (m.param(1) != null) {
            return codec.local(id, codec.numeric(Numeric.ERR_CHANOPRIVSNEEDED, codec.settings.channel(),
                    "The topic is set by the server's configuration (irc-topic)"));
        }
        return codec.local(id, IrcReplies.topic(codec));
    }

    private ClientFrame nick(IrcMessage m, long id) {
        String nick = m.param(0);
        if (nick == null || nick.isEmpty()) {
            return codec.local(id, codec.numeric(Numeric.ERR_NONICKNAMEGIVEN, "No nickname given"));
        }
        if (nick.equals(codec.nick)) {
            return codec.local(id);
        }
        Optional<String> error = nickError(nick);
        if (error.isPresent()) {
            return codec.local(id, codec.numeric(Numeric.ERR_ERRONEUSNICKNAME, nick, error.get()));
        }
        return codec.local(id, codec.numeric(Numeric.ERR_NONICKCHANGE,
                "chatd cannot rename a joined user: reconnect with the new nick"));
    }

    private ClientFrame users(long id, Pending.Users.Kind kind, String mask) {
        return codec.ask(id, new Pending.Users(kind, mask), new ListUsers(id));
    }
}
