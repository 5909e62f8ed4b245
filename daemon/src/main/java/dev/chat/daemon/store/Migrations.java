package dev.chat.daemon.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, as numbered steps. A database records the steps it has in {@code schema_version};
 * {@link #migrate} applies the missing ones in order, each in its own transaction with its version
 * row, so a crash mid-migration leaves the database at the previous version. Steps are never
 * edited once released: a change is a new step.
 *
 * <p>Not Flyway: three tables and one step do not earn a 600 KB library that scans the class path
 * and needs a separate SQLite module, and this class is read in a minute.
 */
final class Migrations {
    /** One schema change: {@code version} is 1, 2, 3... in list order. */
    record Step(int version, String description, List<String> sql) {
    }

    static final List<Step> CHAT = List.of(
            new Step(1, "accounts, room and private history, offline messages", List.of(
                    """
                    CREATE TABLE account (
                        name_key      TEXT PRIMARY KEY,
                        display_name  TEXT NOT NULL,
                        password_hash TEXT NOT NULL,
                        locked        INTEGER NOT NULL DEFAULT 0,
                        created_ms    INTEGER NOT NULL)""",
                    """
                    CREATE TABLE room_message (
                        room    TEXT NOT NULL,
                        id      INTEGER NOT NULL,
                        sender  TEXT NOT NULL,
                        text    TEXT NOT NULL,
                        time_ms INTEGER NOT NULL,
                        PRIMARY KEY (room, id)) WITHOUT ROWID""",
                    "CREATE INDEX room_message_time ON room_message (time_ms)",
                    """
                    CREATE TABLE private_message (
                        low_key   TEXT NOT NULL,
                        high_key  TEXT NOT NULL,
                        id        INTEGER NOT NULL,
                        from_key  TEXT NOT NULL,
                        to_key    TEXT NOT NULL,
                        from_name TEXT NOT NULL,
                        to_name   TEXT NOT NULL,
                        text      TEXT NOT NULL,
                        time_ms   INTEGER NOT NULL,
                        pending   INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (low_key, high_key, id)) WITHOUT ROWID""",
                    "CREATE INDEX private_message_high ON private_message (high_key, time_ms)",
                    "CREATE INDEX private_message_low_time ON private_message (low_key, time_ms)",
                    "CREATE INDEX private_message_time ON private_message (time_ms)",
                    "CREATE INDEX private_message_pending ON private_message (to_key) WHERE pending = 1")));

    private final List<Step> steps;

    Migrations(List<Step> steps) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).version() != i + 1) {
                throw new IllegalArgumentException("step " + i + " has version " + steps.get(i).version());
            }
        }
        this.steps = List.copyOf(steps);
    }

    int latest() {
        return steps.size();
    }

    /** Brings the database to {@link #latest()}; returns the version it had before. */
    int migrate(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                    + " description TEXT NOT NULL, applied_ms INTEGER NOT NULL)");
        }
        int current = version(connection);
        if (current > latest()) {
            throw new StoreException(StoreException.Reason.SCHEMA_TOO_NEW, "the database has schema version "
                    + current + "; this chatd knows up to " + latest() + " (a newer chatd wrote it)");
        }
        for (Step step : steps.subList(current, steps.size())) {
            apply(connection, step);
        }
        return current;
    }

    static int version(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void apply(Connection connection, Step step) throws SQLException {
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            for (String sql : step.sql()) {
                s.execute(sql);
            }
            try (var insert = connection.prepareStatement(
                    "INSERT INTO schema_version (version, description, applied_ms) VALUES (?, ?, ?)")) {
                insert.setInt(1, step.version());
                insert.setString(2, step.description());
                insert.setLong(3, System.currentTimeMillis());
                insert.executeUpdate();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(auto);
        }
    }
}
