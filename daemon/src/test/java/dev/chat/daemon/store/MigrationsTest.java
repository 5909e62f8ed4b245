package dev.chat.daemon.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationsTest {
    @TempDir
    Path dir;

    @Test
    void anEmptyFolderGetsTheLatestSchemaInWalModeWithPrivateFiles() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("data"), StoreSettings.DEFAULTS)) {
            store.appendRoom(new RoomMessage("lobby", 1, "ann", "hi", Instant.EPOCH)).join();
        }
        try (Connection c = connect()) {
            assertEquals(Migrations.CHAT.size(), Migrations.version(c));
            assertEquals("wal", query(c, "PRAGMA journal_mode"));
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data"))));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("data").resolve(SqliteStore.FILE_NAME))));
    }

    @Test
    void reopeningKeepsTheDataAndRunsNoStepTwice() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("data"), StoreSettings.DEFAULTS)) {
            store.appendRoom(new RoomMessage("lobby", 7, "ann", "kept", Instant.EPOCH)).join();
        }
        try (SqliteStore store = SqliteStore.open(dir.resolve("data"), StoreSettings.DEFAULTS)) {
            assertEquals(7, store.lastRoomId("lobby"));
            assertEquals("kept", store.lastRoom("lobby", 1).getFirst().text());
        }
        try (Connection c = connect()) {
            assertEquals(String.valueOf(Migrations.CHAT.size()), query(c, "SELECT count(*) FROM schema_version"));
        }
    }

    @Test
    void aLaterStepIsAppliedToADatabaseAtAnEarlierVersion() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        try (Connection c = connect()) {
            assertEquals(0, new Migrations(List.of(step(1, "CREATE TABLE a (x INTEGER)"))).migrate(c));
            c.createStatement().execute("INSERT INTO a VALUES (42)");
            List<Migrations.Step> two = new ArrayList<>(List.of(step(1, "CREATE TABLE a (x INTEGER)")));
            two.add(step(2, "ALTER TABLE a ADD COLUMN y TEXT NOT NULL DEFAULT 'new'"));
            assertEquals(1, new Migrations(two).migrate(c));
            assertEquals(2, Migrations.version(c));
            assertEquals("42 new", query(c, "SELECT x || ' ' || y FROM a"));
        }
    }

    @Test
    void aFailingStepLeavesTheDatabaseAtThePreviousVersion() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        try (Connection c = connect()) {
            Migrations broken = new Migrations(List.of(step(1, "CREATE TABLE a (x INTEGER)"),
                    step(2, "CREATE TABLE b (x INTEGER)", "THIS IS NOT SQL")));
            assertThrows(SQLException.class, () -> broken.migrate(c));
            assertEquals(1, Migrations.version(c));
            assertEquals("0", query(c, "SELECT count(*) FROM sqlite_master WHERE name = 'b'"));
        }
    }

    @Test
    void aDatabaseFromANewerChatdIsRefusedWithATypedError() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("data"), StoreSettings.DEFAULTS)) {
            assertTrue(store.accounts().isEmpty());
        }
        try (Connection c = connect()) {
            c.createStatement().execute("INSERT INTO schema_version VALUES (99, 'from the future', 0)");
        }
        StoreException e = assertThrows(StoreException.class,
                () -> SqliteStore.open(dir.resolve("data"), StoreSettings.DEFAULTS));
        assertEquals(StoreException.Reason.SCHEMA_TOO_NEW, e.reason());
    }

    private static Migrations.Step step(int version, String... sql) {
        return new Migrations.Step(version, "test step " + version, List.of(sql));
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data").resolve(SqliteStore.FILE_NAME));
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
