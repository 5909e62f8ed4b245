package dev.chat.daemon.store;

import dev.chat.daemon.store.StoreException.Reason;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * The embedded {@link ChatStore}: one SQLite file, {@code chatd.db}, in the data folder, in WAL mode
 * with {@code synchronous=FULL}. All writes go through one {@link GroupCommitWriter} (one writer
 * connection, group commit); reads use a few read-only connections that run beside it.
 *
 * <p><b>What a crash can lose.</b> A write's future completes only after its transaction committed,
 * and with {@code synchronous=FULL} a WAL commit is fsynced before it returns. So neither
 * {@code kill -9} nor a power cut loses a write whose future completed; what they lose is the
 * group being committed at that moment and whatever was still queued: at most one commit interval
 * ({@link StoreSettings#commitDelay} plus one fsync) of writes nobody was told about. Ids are
 * primary keys, so a write is there once or not at all. ({@code synchronous=NORMAL} would skip
 * that fsync and could, on a power cut, roll back commits already acknowledged.)
 *
 * <p>Files: the folder is created 0700 and the database 0600 (it holds password hashes); SQLite
 * gives its {@code -wal} and {@code -shm} files the database's mode. Another process (the
 * {@code chatd account} commands) may open the same file; SQLite's locks and a busy timeout
 * serialise it with the daemon.
 */
public final class SqliteStore implements ChatStore {
    public static final String FILE_NAME = "chatd.db";
    private static final int BUSY_TIMEOUT_MS = 5000;

    private final GroupCommitWriter writer;
    private final BlockingQueue<Connection> readers;
    private final Pruner pruner;
    private final int maxOffline;
    private volatile boolean closed;

    private SqliteStore(GroupCommitWriter writer, BlockingQueue<Connection> readers, Pruner pruner, int maxOffline) {
        this.writer = writer;
        this.readers = readers;
        this.pruner = pruner;
        this.maxOffline = maxOffline;
    }

    public static SqliteStore open(Path dataDir, StoreSettings settings) {
        return open(dataDir, settings, InstantSource.system(), CommitListener.NONE);
    }

    /** Opens (creating and migrating as needed) {@code dataDir/chatd.db}. */
    public static SqliteStore open(Path dataDir, StoreSettings settings, InstantSource clock, CommitListener listener) {
        Path file = prepare(dataDir);
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(settings.readers());
        Connection writing = null;
        try {
            writing = connect(url, false);
            new Migrations(Migrations.CHAT).migrate(writing);
            for (int i = 0; i < settings.readers(); i++) {
                readers.add(connect(url, true));
            }
            Pruner pruner = new Pruner(settings.retention(), clock);
            GroupCommitWriter writer = new GroupCommitWriter(writing, settings,
                    c -> pruner.pruneChunk(c) >= Pruner.CHUNK, listener);
            return new SqliteStore(writer, readers, pruner, settings.maxOfflinePerRecipient());
        } catch (SQLException | RuntimeException e) {
            closeQuietly(writing);
            readers.forEach(SqliteStore::closeQuietly);
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException(Reason.FAILED, "cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<Void> register(Account account) {
        return writer.submit(c -> AccountSql.insert(c, account));
    }

    @Override
    public Optional<Account> account(String key) {
        return read(c -> AccountSql.find(c, key));
    }

    @Override
    public CompletableFuture<Void> changePassword(String key, String passwordHash) {
        return writer.submit(c -> AccountSql.update(c, key, "password_hash", passwordHash));
    }

    @Override
    public CompletableFuture<Void> setLocked(String key, boolean locked) {
        return writer.submit(c -> AccountSql.update(c, key, "locked", locked ? 1 : 0));
    }

    @Override
    public CompletableFuture<Boolean> deleteAccount(String key) {
        return writer.submit(c -> AccountSql.delete(c, key));
    }

    @Override
    public List<Account> accounts() {
        return read(AccountSql::all);
    }

    @Override
    public CompletableFuture<Void> appendRoom(RoomMessage message) {
        return writer.submit(c -> HistorySql.insertRoom(c, message));
    }

    @Override
    public CompletableFuture<Void> appendPrivate(PrivateMessage message) {
        return writer.submit(c -> HistorySql.insertPrivate(c, message, false));
    }

    @Override
    public CompletableFuture<Void> storeOffline(PrivateMessage message) {
        return writer.submit(c -> HistorySql.insertOffline(c, message, maxOffline));
    }

    @Override
    public CompletableFuture<List<PrivateMessage>> takeOffline(String recipientKey) {
        return writer.submit(c -> HistorySql.takeOffline(c, recipientKey));
    }

    @Override
    public List<RoomMessage> lastRoom(String room, int limit) {
        checkLimit(limit);
        return read(c -> HistorySql.lastRoom(c, room, limit));
    }

    @Override
    public List<RoomMessage> roomAfter(String room, long afterId, int limit) {
        checkLimit(limit);
        return read(c -> HistorySql.roomAfter(c, room, afterId, limit));
    }

    @Override
    public List<RoomMessage> roomBefore(String room, long beforeId, int limit) {
        checkLimit(limit);
        return read(c -> HistorySql.roomBefore(c, room, beforeId, limit));
    }

    @Override
    public long lastRoomId(String room) {
        return read(c -> HistorySql.lastRoomId(c, room));
    }

    @Override
    public List<PrivateMessage> lastPrivates(String userKey, int limit) {
        checkLimit(limit);
        return read(c -> HistorySql.lastPrivates(c, userKey, limit));
    }

    @Override
    public List<PrivateMessage> privatesAfter(Conversation conversation, long afterId, int limit) {
        checkLimit(limit);
        return read(c -> HistorySql.privatesAfter(c, conversation, afterId, limit));
    }

    @Override
    public List<PrivateMessage> privatesBefore(Conversation conversation, long beforeId, int limit) {
        checkLimit(limit);
        return read(c -> HistorySql.privatesBefore(c, conversation, beforeId, limit));
    }

    @Override
    public long lastPrivateId(Conversation conversation) {
        return read(c -> HistorySql.lastPrivateId(c, conversation));
    }

    @Override
    public long lastMessageId() {
        return read(HistorySql::lastMessageId);
    }

    @Override
    public List<PrivateMessage> userPrivatesAfter(String userKey, long afterId, int limit) {
        checkLimit(limit);
        return read(c -> HistorySql.userPrivatesAfter(c, userKey, afterId, limit));
    }

    @Override
    public List<PrivateMessage> userPrivatesBefore(String userKey, long beforeId, int limit) {
        checkLimit(limit);
        return read(c -> HistorySql.userPrivatesBefore(c, userKey, beforeId, limit));
    }

    @Override
    public CompletableFuture<Long> prune() {
        return writer.submit(pruner::pruneAll);
    }

    /** Commits what is queued, then closes every connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.close();
        for (int i = 0; i < readers.remainingCapacity() + readers.size(); i++) {
            try {
                closeQuietly(readers.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE + ", not " + limit);
        }
    }

    /** Borrows a read connection (waiting while all are busy) and gives it back in every path. */
    private <T> T read(GroupCommitWriter.Write<T> query) {
        if (closed) {
            throw new StoreException(Reason.CLOSED, "the store is closed");
        }
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(Reason.CLOSED, "interrupted while waiting for a read connection");
        }
        try {
            return query.apply(c);
        } catch (SQLException e) {
            throw new StoreException(Reason.FAILED, "the database failed: " + e.getMessage(), e);
        } finally {
            readers.add(c);
        }
    }

    private static Connection connect(String url, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setReadOnly(readOnly);
        return config.createConnection(url);
    }

    /** Creates the folder (0700) and an empty database file (0600) unless they exist. */
    private static Path prepare(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.isDirectory(dataDir)) {
                Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            return file;
        } catch (IOException | UnsupportedOperationException e) {
            throw new StoreException(Reason.FAILED, "cannot create the data folder " + dataDir + ": " + e, e);
        }
        return file;
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            // Closing on a failure path or at shutdown: nothing left to do with it.
        }
    }
}
