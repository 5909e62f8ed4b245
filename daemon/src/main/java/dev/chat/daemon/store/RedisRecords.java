package dev.chat.daemon.store;

import java.time.Instant;

/**
 * How a stored message is one Redis string: its fields joined by {@link #SEP} (U+001F), id first,
 * text last. Chat text and names never hold control characters (PROTOCOL.md 9, 10), so the
 * separator cannot occur inside a field, and the text, split last, may hold anything else.
 * The cluster's scripts prepend the id they assign to {@link #roomTail} or {@link #privateTail}.
 */
public final class RedisRecords {
    public static final String SEP = "\u001f";

    private RedisRecords() {
    }

    public static String room(RoomMessage m) {
        return m.id() + roomTail(m.time().toEpochMilli(), m.sender(), m.text());
    }

    /** Everything after the id. */
    public static String roomTail(long ts, String sender, String text) {
        return SEP + ts + SEP + sender + SEP + text;
    }

    public static RoomMessage room(String room, String record) {
        String[] f = record.split(SEP, 4);
        return new RoomMessage(room, Long.parseLong(f[0]), f[2], f[3], Instant.ofEpochMilli(Long.parseLong(f[1])));
    }

    public static String privateMessage(PrivateMessage m) {
        return m.id() + privateTail(m.time().toEpochMilli(), m.fromKey(), m.toKey(), m.fromName(), m.toName(), m.text());
    }

    public static String privateTail(long ts, String fromKey, String toKey, String fromName, String toName, String text) {
        return SEP + ts + SEP + fromKey + SEP + toKey + SEP + fromName + SEP + toName + SEP + text;
    }

    public static PrivateMessage privateMessage(String record) {
        String[] f = record.split(SEP, 7);
        return new PrivateMessage(Long.parseLong(f[0]), f[2], f[3], f[4], f[5], f[6],
                Instant.ofEpochMilli(Long.parseLong(f[1])));
    }
}
