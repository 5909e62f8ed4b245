package dev.chat.wire.frame;

import dev.chat.wire.Names;

/**
 * A chat message delivered to this client: from {@code from}, to {@code to} (this client's name
 * for a private message to it, the other user's for one it sent, {@code all} for a broadcast),
 * stamped with server time {@code ts} (milliseconds since the epoch).
 *
 * @param id      the message's id: one daemon-wide increasing sequence over the room and every private
 *                conversation, so one {@code last_seen} covers both; absent from old daemons
 * @param history true when the message is a replay of the past (on join, or a {@code history} page),
 *                absent for a live one
 * @param action  true when the sender acts rather than says ({@code /me waves}: {@code text} is "waves"); absent
 *                for a plain message
 */
@FrameType("message")
public record Message(String from, String to, String text, long ts, @OptionalField Long id,
                      @OptionalField Boolean history, @OptionalField Boolean action) implements ServerFrame {
    public Message {
        Ids.required("from", from);
        Ids.required("to", to);
        Ids.required("text", text);
        if (id != null) {
            Ids.check("id", id);
        }
        if (Boolean.FALSE.equals(history)) {
            history = null; // one form on the wire: the field is there only when true
        }
        if (Boolean.FALSE.equals(action)) {
            action = null;
        }
    }

    /** A plain message (not an action). */
    public Message(String from, String to, String text, long ts, Long id, Boolean history) {
        this(from, to, text, ts, id, history, null);
    }

    /** A live message without an id, as daemons before history sent it. */
    public Message(String from, String to, String text, long ts) {
        this(from, to, text, ts, null, null);
    }

    public boolean isBroadcast() {
        return Names.ALL.equals(to);
    }

    public boolean isHistory() {
        return Boolean.TRUE.equals(history);
    }

    /** The id, 0 when the daemon sent none. */
    public long idOrZero() {
        return id == null ? 0 : id;
    }

    public boolean isAction() {
        return Boolean.TRUE.equals(action);
    }

    /** This message as a replay. */
    public Message asHistory() {
        return new Message(from, to, text, ts, id, true, action);
    }
}
