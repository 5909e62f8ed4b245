package dev.chat.daemon.store;

import dev.chat.daemon.store.StoreException.Reason;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The SQL of room and private history: statements on a given connection, no state. */
final class HistorySql {
    private static final String ROOM_COLUMNS = "SELECT room, id, sender, text, time_ms FROM room_message ";
    private static final String PRIVATE_COLUMNS =
            "SELECT id, from_key, to_key, from_name, to_name, text, time_ms FROM private_message ";
    private static final int SQLITE_CONSTRAINT = 19;

    private HistorySql() {
    }

    static Void insertRoom(Connection c, RoomMessage m) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO room_message (room, id, sender, text, time_ms) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, m.room());
            s.setLong(2, m.id());
            s.setString(3, m.sender());
            s.setString(4, m.text());
            s.setLong(5, m.time().toEpochMilli());
            executeUnique(s, "room " + m.room() + " already has message " + m.id());
        }
        return null;
    }

    static Void insertPrivate(Connection c, PrivateMessage m, boolean pending) throws SQLException {
        Conversation conversation = m.conversation();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO private_message (low_key, high_key, id,"
                + " from_key, to_key, from_name, to_name, text, time_ms, pending) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, conversation.low());
            s.setString(2, conversation.high());
            s.setLong(3, m.id());
            s.setString(4, m.fromKey());
            s.setString(5, m.toKey());
            s.setString(6, m.fromName());
            s.setString(7, m.toName());
            s.setString(8, m.text());
            s.setLong(9, m.time().toEpochMilli());
            s.setInt(10, pending ? 1 : 0);
            executeUnique(s, "the conversation already has message " + m.id());
        }
        return null;
    }

    /** Checks the recipient and its offline quota, then inserts: fails before any change. */
    static Void insertOffline(Connection c, PrivateMessage m, int maxPending) throws SQLException {
        if (!AccountSql.exists(c, m.toKey())) {
            throw new StoreException(Reason.NO_SUCH_ACCOUNT, "no account " + m.toKey() + " to keep messages for");
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM private_message WHERE to_key = ? AND pending = 1")) {
            s.setString(1, m.toKey());
            if (count(s) >= maxPending) {
                throw new StoreException(Reason.OFFLINE_FULL, m.toKey() + " has " + maxPending
                        + " offline messages waiting already");
            }
        }
        return insertPrivate(c, m, true);
    }

    static List<PrivateMessage> takeOffline(Connection c, String recipientKey) throws SQLException {
        List<PrivateMessage> pending;
        try (PreparedStatement s = c.prepareStatement(PRIVATE_COLUMNS
                + "WHERE to_key = ? AND pending = 1 ORDER BY time_ms, low_key, high_key, id")) {
            s.setString(1, recipientKey);
            pending = privates(s);
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE private_message SET pending = 0 WHERE to_key = ? AND pending = 1")) {
            s.setString(1, recipientKey);
            s.executeUpdate();
        }
        return pending;
    }

    static List<RoomMessage> lastRoom(Connection c, String room, int limit) throws SQLException {
        return roomBefore(c, room, Long.MAX_VALUE, limit);
    }

    static List<RoomMessage> roomAfter(Connection c, String room, long afterId, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ROOM_COLUMNS + "WHERE room = ? AND id > ? ORDER BY id LIMIT ?")) {
            s.setString(1, room);
            s.setLong(2, afterId);
            s.setInt(3, limit);
            return rooms(s);
        }
    }

    static List<RoomMessage> roomBefore(Connection c, String room, long beforeId, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                ROOM_COLUMNS + "WHERE room = ? AND id < ? ORDER BY id DESC LIMIT ?")) {
            s.setString(1, room);
            s.setLong(2, beforeId);
            s.setInt(3, limit);
            return reversed(rooms(s));
        }
    }

    static long lastRoomId(Connection c, String room) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT coalesce(max(id), 0) FROM room_message WHERE room = ?")) {
            s.setString(1, room);
            return count(s);
        }
    }

    /** Both halves use an index ((low_key, time_ms) and (high_key, time_ms)); a self-conversation counts once. */
    static List<PrivateMessage> lastPrivates(Connection c, String userKey, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM ("
                + PRIVATE_COLUMNS + "WHERE low_key = ?1 UNION ALL "
                + PRIVATE_COLUMNS + "WHERE high_key = ?1 AND low_key <> ?1)"
                + " ORDER BY time_ms DESC, id DESC LIMIT ?2")) {
            s.setString(1, userKey);
            s.setInt(2, limit);
            return reversed(privates(s));
        }
    }

    static List<PrivateMessage> privatesAfter(Connection c, Conversation v, long afterId, int limit)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(PRIVATE_COLUMNS
                + "WHERE low_key = ? AND high_key = ? AND id > ? ORDER BY id LIMIT ?")) {
            bindConversation(s, v, afterId, limit);
            return privates(s);
        }
    }

    static List<PrivateMessage> privatesBefore(Connection c, Conversation v, long beforeId, int limit)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(PRIVATE_COLUMNS
                + "WHERE low_key = ? AND high_key = ? AND id < ? ORDER BY id DESC LIMIT ?")) {
            bindConversation(s, v, beforeId, limit);
            return reversed(privates(s));
        }
    }

    static long lastPrivateId(Connection c, Conversation v) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT coalesce(max(id), 0) FROM private_message WHERE low_key = ? AND high_key = ?")) {
            s.setString(1, v.low());
            s.setString(2, v.high());
            return count(s);
        }
    }

    static long lastMessageId(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT max(coalesce((SELECT max(id) FROM room_message), 0),"
                + " coalesce((SELECT max(id) FROM private_message), 0))")) {
            return count(s);
        }
    }

    /** A self-conversation counts once, as in {@link #lastPrivates}. */
    static List<PrivateMessage> userPrivatesAfter(Connection c, String userKey, long afterId, int limit)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM ("
                + PRIVATE_COLUMNS + "WHERE low_key = ?1 AND id > ?2 UNION ALL "
                + PRIVATE_COLUMNS + "WHERE high_key = ?1 AND low_key <> ?1 AND id > ?2)"
                + " ORDER BY id LIMIT ?3")) {
            s.setString(1, userKey);
            s.setLong(2, afterId);
            s.setInt(3, limit);
            return privates(s);
        }
    }

    static List<PrivateMessage> userPrivatesBefore(Connection c, String userKey, long beforeId, int limit)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM ("
                + PRIVATE_COLUMNS + "WHERE low_key = ?1 AND id < ?2 UNION ALL "
                + PRIVATE_COLUMNS + "WHERE high_key = ?1 AND low_key <> ?1 AND id < ?2)"
                + " ORDER BY id DESC LIMIT ?3")) {
            s.setString(1, userKey);
            s.setLong(2, beforeId);
            s.setInt(3, limit);
            return reversed(privates(s));
        }
    }

    private static void bindConversation(PreparedStatement s, Conversation v, long id, int limit) throws SQLException {
        s.setString(1, v.low());
        s.setString(2, v.high());
        s.setLong(3, id);
        s.setInt(4, limit);
    }

    /** Runs an insert whose only possible conflict is the primary key: a duplicate id. */
    private static void executeUnique(PreparedStatement s, String duplicate) throws SQLException {
        try {
            s.executeUpdate();
        } catch (SQLException e) {
            if ((e.getErrorCode() & 0xff) == SQLITE_CONSTRAINT) {
                throw new StoreException(Reason.DUPLICATE_ID, duplicate, e);
            }
            throw e;
        }
    }

    static long count(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static List<RoomMessage> rooms(PreparedStatement s) throws SQLException {
        List<RoomMessage> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new RoomMessage(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5))));
            }
        }
        return out;
    }

    private static List<PrivateMessage> privates(PreparedStatement s) throws SQLException {
        List<PrivateMessage> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new PrivateMessage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7))));
            }
        }
        return out;
    }

    private static <T> List<T> reversed(List<T> list) {
        Collections.reverse(list);
        return list;
    }
}
