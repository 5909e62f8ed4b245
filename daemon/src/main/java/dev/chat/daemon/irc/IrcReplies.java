package dev.chat.daemon.irc;

import dev.chat.wire.ChatText;
import dev.chat.wire.Limits;
import dev.chat.wire.Names;
import dev.chat.wire.frame.Bye;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.FileList;
import dev.chat.wire.frame.HistoryPage;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Ok;
import dev.chat.wire.frame.Ping;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.Shutdown;
import dev.chat.wire.frame.UserList;
import dev.chat.wire.frame.Welcome;
import dev.chat.wire.irc.IrcMessage;
import dev.chat.wire.irc.IrcNicks;
import dev.chat.wire.irc.IrcParser;
import dev.chat.wire.irc.IrcWriter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders what the core sends one IRC connection: each reply as the numerics of the command that
 * asked ({@link Pending}), heartbeats as PING, messages and room events through the connection's
 * {@link IrcRoomCodec}. Runs on whichever thread delivers the frame (see {@link IrcCodec}).
 */
final class IrcReplies {
    /** ISUPPORT tokens (modern.ircdocs.horse; 13 per line at most). */
    private static final List<String> ISUPPORT = List.of("AWAYLEN=" + Limits.MAX_AWAY_BYTES, "CASEMAPPING=ascii",
            "CHANLIMIT=#:1", "CHANMODES=,,,nt", "CHANNELLEN=" + IrcSettings.MAX_CHANNEL_CHARS, "CHANTYPES=#",
            "CHATHISTORY=" + Limits.MAX_HISTORY, "ELIST=", "MAXTARGETS=1", "MODES=0", "MSGREFTYPES=msgid",
            "NETWORK=chatd", "NICKLEN=" + Names.MAX_INPUT_CHARS, "PREFIX=", "STATUSMSG=",
            "TARGMAX=PRIVMSG:1,NOTICE:1", "TOPICLEN=300", "UTF8ONLY");
    private static final int ISUPPORT_PER_LINE = 13;
    /** A file name shown in a NOTICE is cut here, so the line stays under 512 bytes. */
    private static final int MAX_FILE_NAME_CHARS = 100;

    private final IrcCodec codec;

    IrcReplies(IrcCodec codec) {
        this.codec = codec;
    }

    List<IrcMessage> render(ServerFrame frame) {
        return switch (frame) {
            case Pong p -> codec.answered(p.re()) instanceof Pending.Local local ? local.lines() : List.of();
            case Ping p -> List.of(IrcMessage.of(null, "PING", Long.toString(p.id())));
            case Welcome w -> welcome(w);
            case UserList u -> users(u);
            case Sent s -> echo(s);
            case Ok o -> codec.answered(o.re()) instanceof Pending.Away away
                    ? List.of(away.away() ? codec.numeric(Numeric.RPL_NOWAWAY, "You have been marked as being away")
                    : codec.numeric(Numeric.RPL_UNAWAY, "You are no longer marked as being away")) : List.of();
            case Bye b -> List.of(closing(codec.answered(b.re()) instanceof Pending.Quit q && q.message() != null
                    ? "Quit: " + q.message() : "Quit"));
            case HistoryPage h -> history(h);
            case FileList f -> files(f);
            case ErrorFrame e -> IrcErrors.render(codec, e);
            case Shutdown s -> List.of(closing(s.message()));
            // The room's past is CHATHISTORY's to show; replayed private messages (offline ones) are shown.
            case Message m when m.isHistory() && m.isBroadcast() -> List.of();
            case Message m -> codec.room().message(m, Map.of());
            default -> List.of(); // room events come through the room codec; downloads are not offered
        };
    }

    IrcMessage closing(String why) {
        return IrcMessage.of(null, "ERROR", "Closing Link: " + codec.nick + " (" + why + ")");
    }

    private List<IrcMessage> welcome(Welcome w) {
        String nick = IrcNicks.toNick(w.name());
        codec.nick = nick;
        String channel = codec.settings.channel();
        List<IrcMessage> lines = new ArrayList<>();
        lines.add(codec.numeric(Numeric.RPL_WELCOME, "Welcome to the chatd IRC gateway, " + nick));
        lines.add(codec.numeric(Numeric.RPL_YOURHOST, "Your host is " + codec.server + ", running " + w.server()));
        lines.add(codec.numeric(Numeric.RPL_CREATED, "This server speaks the chat protocol version " + w.version()));
        lines.add(codec.numeric(Numeric.RPL_MYINFO, codec.server, w.server().replace(' ', '-'), "i", "nt"));
        for (int at = 0; at < ISUPPORT.size(); at += ISUPPORT_PER_LINE) {
            List<String> params = new ArrayList<>(ISUPPORT.subList(at, Math.min(ISUPPORT.size(), at + ISUPPORT_PER_LINE)));
            params.add("are supported by this server");
            lines.add(codec.numeric(Numeric.RPL_ISUPPORT, params.toArray(String[]::new)));
        }
        lines.addAll(motd(codec));
        lines.add(IrcMessage.of(IrcRoomCodec.source(w.name()), "JOIN", channel));
        lines.addAll(topic(codec));
        lines.addAll(names(w.users()));
        if (!w.more()) {
            codec.answered(w.re());
            lines.add(codec.numeric(Numeric.RPL_ENDOFNAMES, channel, "End of /NAMES list"));
        }
        return lines;
    }

    static List<IrcMessage> motd(IrcCodec codec) {
        return List.of(codec.numeric(Numeric.RPL_MOTDSTART, "- " + codec.server + " Message of the day -"),
                codec.numeric(Numeric.RPL_MOTD, "- Everyone online is in " + codec.settings.channel()
                        + "; /msg a nick for a private message. /quote FILES lists the shared files."),
                codec.numeric(Numeric.RPL_ENDOFMOTD, "End of /MOTD command."));
    }

    static List<IrcMessage> topic(IrcCodec codec) {
        String channel = codec.settings.channel();
        return codec.settings.topic().isEmpty()
                ? List.of(codec.numeric(Numeric.RPL_NOTOPIC, channel, "No topic is set"))
                : List.of(codec.numeric(Numeric.RPL_TOPIC, channel, codec.settings.topic()));
    }

    /** 353 lines holding as many nicks as fit 512 bytes. */
    private List<IrcMessage> names(List<String> users) {
        List<IrcMessage> lines = new ArrayList<>();
        String channel = codec.settings.channel();
        int room = IrcParser.MAX_BODY_BYTES - IrcWriter.bodyBytes(codec.numeric(Numeric.RPL_NAMREPLY, "=", channel, " "));
        StringBuilder nicks = new StringBuilder();
        for (String user : users) {
            String nick = codec.has(Cap.USERHOST_IN_NAMES) ? IrcRoomCodec.source(user) : IrcNicks.toNick(user);
            if (!nicks.isEmpty() && nicks.length() + 1 + nick.length() > room) {
                lines.add(codec.numeric(Numeric.RPL_NAMREPLY, "=", channel, nicks.toString()));
                nicks.setLength(0);
            }
            nicks.append(nicks.isEmpty() ? "" : " ").append(nick);
        }
        if (!nicks.isEmpty()) {
            lines.add(codec.numeric(Numeric.RPL_NAMREPLY, "=", channel, nicks.toString()));
        }
        return lines;
    }

    private List<IrcMessage> users(UserList page) {
        Pending pending = codec.pending(page.re());
        if (pending instanceof Pending.Registration) { // the welcome's further pages
            List<IrcMessage> lines = new ArrayList<>(names(page.users()));
            if (!page.more()) {
                codec.answered(page.re());
                lines.add(codec.numeric(Numeric.RPL_ENDOFNAMES, codec.settings.channel(), "End of /NAMES list"));
            }
            return lines;
        }
        if (!(pending instanceof Pending.Users users)) {
            return List.of();
        }
        users.names().addAll(page.users());
        if (page.away() != null) {
            users.away().putAll(page.away());
        }
        if (page.more()) {
            return List.of();
        }
        codec.answered(page.re());
        return IrcUserReplies.render(codec, users, names(users.names()));
    }

    /** echo-message: the client's own PRIVMSG or NOTICE back, with its id and time. */
    private List<IrcMessage> echo(Sent sent) {
        if (!(codec.answered(sent.re()) instanceof Pending.Said said) || !codec.has(Cap.ECHO_MESSAGE)) {
            return List.of();
        }
        Map<String, String> tags = new LinkedHashMap<>(codec.has(Cap.MESSAGE_TAGS) ? said.clientTags() : Map.of());
        tags.putAll(codec.room().tags(sent.ts(), sent.id(), Map.of()));
        return IrcRoomCodec.privmsg(said.command(), codec.nick + "!u@" + IrcRoomCodec.HOST, said.target(), said.text(),
                said.action(), tags);
    }

    private List<IrcMessage> history(HistoryPage page) {
        if (!(codec.pending(page.re()) instanceof Pending.History history)) {
            return List.of();
        }
        history.messages().addAll(page.messages());
        if (page.more()) {
            return List.of();
        }
        codec.answered(page.re());
        return IrcHistory.render(codec, history);
    }

    private List<IrcMessage> files(FileList page) {
        if (!(codec.pending(page.re()) instanceof Pending.Files files)) {
            return List.of();
        }
        List<IrcMessage> lines = new ArrayList<>();
        for (FileEntry file : page.files()) {
            String name = ChatText.forDisplay(file.name());
            name = name.length() > MAX_FILE_NAME_CHARS ? name.substring(0, MAX_FILE_NAME_CHARS) + "..." : name;
            lines.add(codec.notice("file: " + name + " (" + file.size() + " bytes)"));
        }
        files.count()[0] += page.files().size();
        if (!page.more()) {
            codec.answered(page.re());
            lines.add(codec.notice(files.count()[0] + " shared files; download them with the chat client"));
        }
        return lines;
    }
}
