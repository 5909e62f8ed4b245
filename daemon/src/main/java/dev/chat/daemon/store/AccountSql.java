package dev.chat.daemon.store;

import dev.chat.daemon.store.StoreException.Reason;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of accounts: statements on a given connection, no state. */
final class AccountSql {
    private static final String COLUMNS = "SELECT name_key, display_name, password_hash, locked, created_ms FROM account ";

    private AccountSql() {
    }

    static Void insert(Connection c, Account a) throws SQLException {
        if (exists(c, a.key())) {
            throw new StoreException(Reason.ALREADY_REGISTERED, "the name " + a.key() + " is registered");
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO account (name_key, display_name, password_hash,"
                + " locked, created_ms) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, a.key());
            s.setString(2, a.displayName());
            s.setString(3, a.passwordHash());
            s.setInt(4, a.locked() ? 1 : 0);
            s.setLong(5, a.created().toEpochMilli());
            s.executeUpdate();
        }
        return null;
    }

    static boolean exists(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM account WHERE name_key = ?")) {
            s.setString(1, key);
            return HistorySql.count(s) > 0;
        }
    }

    static Optional<Account> find(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(COLUMNS + "WHERE name_key = ?")) {
            s.setString(1, key);
            List<Account> found = read(s);
            return found.stream().findFirst();
        }
    }

    static List<Account> all(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(COLUMNS + "ORDER BY name_key")) {
            return read(s);
        }
    }

    /** One UPDATE of one row: it fails before any change or changes exactly that row. */
    static Void update(Connection c, String key, String column, Object value) throws SQLException {
        if (!column.equals("password_hash") && !column.equals("locked")) {
            throw new IllegalArgumentException(column);
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE account SET " + column + " = ? WHERE name_key = ?")) {
            s.setObject(1, value);
            s.setString(2, key);
            if (s.executeUpdate() == 0) {
                throw new StoreException(Reason.NO_SUCH_ACCOUNT, "no account " + key);
            }
        }
        return null;
    }

    /** The account and the offline messages still waiting for it; its history stays until retention. */
    static boolean delete(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM private_message WHERE to_key = ? AND pending = 1")) {
            s.setString(1, key);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM account WHERE name_key = ?")) {
            s.setString(1, key);
            return s.executeUpdate() > 0;
        }
    }

    private static List<Account> read(PreparedStatement s) throws SQLException {
        List<Account> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new Account(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) != 0,
                        Instant.ofEpochMilli(rs.getLong(5))));
            }
        }
        return out;
    }
}
