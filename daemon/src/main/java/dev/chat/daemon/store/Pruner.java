package dev.chat.daemon.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Retention: deletes history older than the age limit, then the oldest messages (room and private
 * together) beyond the count limit. One {@link #pruneChunk} deletes at most {@link #CHUNK} rows per
 * rule so that the writer never holds a long transaction; the writer calls it again soon while it
 * reports more work.
 */
final class Pruner {
    static final int CHUNK = 10_000;
    private static final String[] TABLES = {"room_message", "private_message"};
    private static final String[] KEYS = {"(room, id)", "(low_key, high_key, id)"};

    private final Retention retention;
    private final InstantSource clock;

    Pruner(Retention retention, InstantSource clock) {
        this.retention = retention;
        this.clock = clock;
    }

    /** Deletes everything due, chunk by chunk, in the caller's transaction. */
    long pruneAll(Connection c) throws SQLException {
        long total = 0;
        long deleted;
        do {
            deleted = pruneChunk(c);
            total += deleted;
        } while (deleted >= CHUNK);
        return total;
    }

    /** Rows deleted (up to {@link #CHUNK} per rule); CHUNK or more means there may be more. */
    long pruneChunk(Connection c) throws SQLException {
        Instant cutoff = clock.instant().minus(retention.maxAge());
        long deleted = 0;
        for (int t = 0; t < TABLES.length; t++) {
            deleted += deleteOldest(c, t, "time_ms < " + cutoff.toEpochMilli(), CHUNK);
        }
        long excess = Math.min(count(c) - retention.maxMessages(), CHUNK);
        if (excess > 0) {
            deleted += deleteOldestOverall(c, excess);
        }
        return deleted;
    }

    /** The {@code n} oldest rows of both tables: all rows before the n-th oldest time, then ties by id. */
    private static long deleteOldestOverall(Connection c, long n) throws SQLException {
        long boundary;
        try (PreparedStatement s = c.prepareStatement("SELECT time_ms FROM (SELECT time_ms FROM room_message"
                + " UNION ALL SELECT time_ms FROM private_message) ORDER BY time_ms LIMIT 1 OFFSET ?")) {
            s.setLong(1, n - 1);
            boundary = HistorySql.count(s);
        }
        long left = n;
        for (int t = 0; t < TABLES.length; t++) {
            left -= deleteOldest(c, t, "time_ms < " + boundary, left);
        }
        for (int t = 0; t < TABLES.length && left > 0; t++) {
            left -= deleteOldest(c, t, "time_ms = " + boundary, left);
        }
        return n - left;
    }

    private static long deleteOldest(Connection c, int table, String where, long limit) throws SQLException {
        String key = KEYS[table];
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + TABLES[table] + " WHERE " + key + " IN"
                + " (SELECT " + key.substring(1, key.length() - 1) + " FROM " + TABLES[table] + " WHERE " + where
                + " ORDER BY time_ms, " + key.substring(1, key.length() - 1) + " LIMIT ?)")) {
            s.setLong(1, limit);
            return s.executeUpdate();
        }
    }

    private static long count(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT (SELECT count(*) FROM room_message) + (SELECT count(*) FROM private_message)")) {
            return HistorySql.count(s);
        }
    }
}
