package dev.chat.daemon.irc;

import dev.chat.wire.Limits;
import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.HistoryRequest;
import dev.chat.wire.frame.Message;
import dev.chat.wire.irc.IrcMessage;
import dev.chat.wire.irc.IrcNicks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CHATHISTORY (IRCv3 draft/chathistory) onto the chat {@code history} request: LATEST, BEFORE and
 * AFTER with {@code *} or {@code msgid=N} (msgids are the chat message ids). The chat history
 * merges the room and the user's private conversations, so the answer keeps the target's
 * conversation only and may hold fewer than the limit. Timestamps, AROUND, BETWEEN and TARGETS
 * are refused with {@code FAIL CHATHISTORY INVALID_PARAMS}.
 */
final class IrcHistory {
    private IrcHistory() {
    }

    static ClientFrame request(IrcCodec codec, IrcMessage m, long id) {
        String sub = m.param(0) == null ? "" : m.param(0).toUpperCase(java.util.Locale.ROOT);
        String target = m.param(1);
        String point = m.param(2);
        Optional<Integer> limit = limit(m.param(3));
        if (target == null || point == null || limit.isEmpty() || !List.of("LATEST", "BEFORE", "AFTER").contains(sub)) {
            return fail(codec, id, sub, "use LATEST, BEFORE or AFTER with * or msgid=N and a limit of 1 to "
                    + Limits.MAX_HISTORY);
        }
        Long msgid = null;
        if (!point.equals("*")) {
            Optional<Long> parsed = msgid(point);
            if (parsed.isEmpty()) {
                return fail(codec, id, sub, "only msgid= references are supported");
            }
            msgid = parsed.get();
        } else if (!sub.equals("LATEST")) {
            return fail(codec, id, sub, "* is for LATEST only");
        }
        codec.expect(id, new Pending.History(target, "h" + id));
        Long before = sub.equals("BEFORE") ? msgid : null;
        Long after = sub.equals("BEFORE") ? null : msgid;
        return new HistoryRequest(id, before, after, limit.get());
    }

    /** The batch: the target's messages of the answer, oldest first. */
    static List<IrcMessage> render(IrcCodec codec, Pending.History history) {
        List<IrcMessage> lines = new ArrayList<>();
        boolean batch = codec.has(Cap.BATCH);
        String ref = history.ref();
        if (batch) {
            lines.add(IrcMessage.of(codec.server, "BATCH", "+" + ref, "chathistory", history.target()));
        }
        IrcRoomCodec room = codec.room();
        for (Message message : history.messages()) {
            if (belongs(codec, message, history.target())) {
                lines.addAll(room.message(message, batch ? Map.of("batch", ref) : Map.of()));
            }
        }
        if (batch) {
            lines.add(IrcMessage.of(codec.server, "BATCH", "-" + ref));
        }
        return lines;
    }

    private static boolean belongs(IrcCodec codec, Message message, String target) {
        if (codec.settings.isChannel(target)) {
            return message.isBroadcast();
        }
        String other = IrcNicks.toName(target).map(dev.chat.wire.Names::key).orElse(null);
        return !message.isBroadcast() && other != null
                && (other.equals(dev.chat.wire.Names.key(message.from())) || other.equals(dev.chat.wire.Names.key(message.to())));
    }

    private static ClientFrame fail(IrcCodec codec, long id, String sub, String why) {
        return codec.local(id, IrcMessage.of(codec.server, "FAIL", "CHATHISTORY", "INVALID_PARAMS",
                sub.isEmpty() ? "*" : sub, why));
    }

    private static Optional<Integer> limit(String text) {
        try {
            int n = Integer.parseInt(text == null ? "" : text);
            return n >= 1 && n <= Limits.MAX_HISTORY ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> msgid(String point) {
        if (!point.startsWith("msgid=")) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(point.substring("msgid=".length()));
            return id >= 1 && id <= Limits.MAX_ID ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
