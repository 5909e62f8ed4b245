package dev.chat.daemon.irc;

import dev.chat.wire.Names;
import dev.chat.wire.irc.IrcMessage;
import dev.chat.wire.irc.IrcNicks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** NAMES, WHO, WHOIS and LIST answered from a whole user list. */
final class IrcUserReplies {
    private IrcUserReplies() {
    }

    /** @param names the 353 lines of the list (NAMES uses them as they are) */
    static List<IrcMessage> render(IrcCodec codec, Pending.Users users, List<IrcMessage> names) {
        String channel = codec.settings.channel();
        List<IrcMessage> lines = new ArrayList<>();
        switch (users.kind()) {
            case NAMES, JOIN -> {
                if (users.kind() == Pending.Users.Kind.JOIN) {
                    lines.add(IrcMessage.of(codec.nick + "!u@" + IrcRoomCodec.HOST, "JOIN", channel));
                    lines.addAll(IrcReplies.topic(codec));
                }
                lines.addAll(names);
                lines.add(codec.numeric(Numeric.RPL_ENDOFNAMES, channel, "End of /NAMES list"));
            }
            case LIST -> {
                lines.add(codec.numeric(Numeric.RPL_LISTSTART, "Channel", "Users  Name"));
                lines.add(codec.numeric(Numeric.RPL_LIST, channel, Integer.toString(users.names().size()),
                        codec.settings.topic()));
                lines.add(codec.numeric(Numeric.RPL_LISTEND, "End of /LIST"));
            }
            case WHO -> {
                boolean all = codec.settings.isChannel(users.mask()) || users.mask().equals("*");
                Optional<String> one = all ? Optional.empty() : find(users, users.mask());
                for (String name : users.names()) {
                    if (all || one.filter(name::equals).isPresent()) {
                        String nick = IrcNicks.toNick(name);
                        lines.add(codec.numeric(Numeric.RPL_WHOREPLY, channel, "u", IrcRoomCodec.HOST, codec.server,
                                nick, users.away().containsKey(name) ? "G" : "H", "0 " + nick));
                    }
                }
                lines.add(codec.numeric(Numeric.RPL_ENDOFWHO, users.mask(), "End of /WHO list"));
            }
            case WHOIS -> lines.addAll(whois(codec, users));
        }
        return lines;
    }

    private static List<IrcMessage> whois(IrcCodec codec, Pending.Users users) {
        String mask = users.mask();
        Optional<String> found = find(users, mask);
        List<IrcMessage> lines = new ArrayList<>();
        if (found.isEmpty()) {
            lines.add(codec.numeric(Numeric.ERR_NOSUCHNICK, mask, "No such nick/channel"));
        } else {
            String name = found.get();
            String nick = IrcNicks.toNick(name);
            lines.add(codec.numeric(Numeric.RPL_WHOISUSER, nick, "u", IrcRoomCodec.HOST, "*", name));
            lines.add(codec.numeric(Numeric.RPL_WHOISCHANNELS, nick, codec.settings.channel()));
            lines.add(codec.numeric(Numeric.RPL_WHOISSERVER, nick, codec.server, "chatd"));
            String reason = users.away().get(name);
            if (reason != null) {
                lines.add(codec.numeric(Numeric.RPL_AWAY, nick, reason));
            }
        }
        lines.add(codec.numeric(Numeric.RPL_ENDOFWHOIS, mask, "End of /WHOIS list"));
        return lines;
    }

    /** The online name the nick stands for, matched by chat key (case, width, look-alikes). */
    private static Optional<String> find(Pending.Users users, String nick) {
        Optional<String> name = IrcNicks.toName(nick);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String key = Names.key(name.get());
        return users.names().stream().filter(n -> Names.key(n).equals(key)).findFirst();
    }
}
