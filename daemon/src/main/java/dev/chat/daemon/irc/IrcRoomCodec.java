package dev.chat.daemon.irc;

import dev.chat.wire.SessionCodec;
import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.UserAway;
import dev.chat.wire.frame.UserJoined;
import dev.chat.wire.frame.UserLeft;
import dev.chat.wire.irc.IrcMessage;
import dev.chat.wire.irc.IrcNicks;
import dev.chat.wire.irc.IrcSplitter;
import dev.chat.wire.irc.IrcWriter;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How room events and chat messages look to IRC clients with one set of capabilities: a value, so
 * that every IRC connection with the same capabilities shares the bytes of a room event
 * ({@link SessionCodec#roomCodec()}). Chat users appear as {@code nick!u@chat}, their nick
 * escaped by {@link IrcNicks}. A message longer than a line becomes several PRIVMSGs
 * ({@link IrcSplitter}); only the first carries the msgid. Immutable; any thread.
 *
 * @param serverTime  tag messages with their time (server-time)
 * @param messageTags tag messages with their id (message-tags)
 * @param awayNotify  show away changes (away-notify)
 */
record IrcRoomCodec(String server, String channel, boolean serverTime, boolean messageTags, boolean awayNotify)
        implements SessionCodec {
    static final String HOST = "chat";
    private static final String CTCP = "\u0001";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Override
    public ClientFrame decode(ByteBuffer line, boolean joined) {
        throw new UnsupportedOperationException("the room codec only encodes");
    }

    @Override
    public byte[] encode(ServerFrame frame) {
        List<IrcMessage> lines = switch (frame) {
            case Message m -> message(m, Map.of());
            case UserJoined j -> List.of(IrcMessage.of(source(j.name()), "JOIN", channel));
            case UserLeft l -> List.of(IrcMessage.of(source(l.name()), "QUIT", "Quit: " + l.reason().text()));
            case UserAway a when awayNotify -> List.of(a.isBack() ? IrcMessage.of(source(a.name()), "AWAY")
                    : IrcMessage.of(source(a.name()), "AWAY", a.reason()));
            default -> List.of();
        };
        return lines.isEmpty() ? null : bytes(lines);
    }

    /** {@code name}'s source prefix. */
    static String source(String name) {
        return IrcNicks.toNick(name) + "!u@" + HOST;
    }

    /** The PRIVMSG lines of a chat message, each also carrying {@code extra} tags (a batch). */
    List<IrcMessage> message(Message m, Map<String, String> extra) {
        String target = m.isBroadcast() ? channel : IrcNicks.toNick(m.to());
        return privmsg("PRIVMSG", source(m.from()), target, m.text(), m.isAction(), tags(m.ts(), m.id(), extra));
    }

    /** The tags this profile puts on a message sent at {@code ts} with id {@code id} (may be null). */
    Map<String, String> tags(long ts, Long id, Map<String, String> extra) {
        Map<String, String> tags = new LinkedHashMap<>(extra);
        if (serverTime) {
            tags.put("time", TIME.format(Instant.ofEpochMilli(ts)));
        }
        if (messageTags && id != null) {
            tags.put("msgid", Long.toString(id));
        }
        return tags;
    }

    /**
     * {@code text} from {@code source} to {@code target} as one or more lines of {@code command},
     * an action wrapped as CTCP ACTION in each piece; {@code tags} on the first piece, the batch on all.
     */
    static List<IrcMessage> privmsg(String command, String source, String target, String text, boolean action,
                                    Map<String, String> tags) {
        String wrap = action ? CTCP + "ACTION " : "";
        String end = action ? CTCP : "";
        int overhead = IrcWriter.bodyBytes(IrcMessage.of(source, command, target, " " + wrap + end));
        int room = dev.chat.wire.irc.IrcParser.MAX_BODY_BYTES - overhead + 1;
        List<IrcMessage> lines = new ArrayList<>();
        Map<String, String> rest = new LinkedHashMap<>();
        if (tags.containsKey("batch")) {
            rest.put("batch", tags.get("batch"));
        }
        if (tags.containsKey("time")) {
            rest.put("time", tags.get("time"));
        }
        for (String piece : IrcSplitter.split(text, room)) {
            Map<String, String> these = lines.isEmpty() ? tags : rest;
            lines.add(new IrcMessage(these, source, command, List.of(target, wrap + piece + end)));
        }
        return lines;
    }

    static byte[] bytes(List<IrcMessage> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 * lines.size());
        for (IrcMessage line : lines) {
            out.writeBytes(IrcWriter.encode(IrcWriter.fit(line)));
        }
        return out.toByteArray();
    }
}
