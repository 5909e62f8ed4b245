package dev.chat.daemon.store;

import dev.chat.daemon.store.StoreException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

@Timeout(60)
class GroupCommitTest {
    @TempDir
    Path dir;

    @Test
    void manyAppendsWithinTheCommitDelayGoIntoOneTransactionAndAreAcknowledgedOnlyAfterIt() throws Exception {
        CommitListener listener = mock(CommitListener.class);
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        AtomicInteger doneAtCommit = new AtomicInteger(-1);
        AtomicInteger rowsVisibleAtCommit = new AtomicInteger(-1);
        doAnswer(call -> {
            doneAtCommit.set((int) acks.stream().filter(CompletableFuture::isDone).count());
            rowsVisibleAtCommit.set(rowsOnDisk());
            return null;
        }).when(listener).committed(eq(100), anyLong());
        StoreSettings settings = StoreSettings.DEFAULTS.withBatching(1000, 100, Duration.ofSeconds(5));
        try (SqliteStore store = SqliteStore.open(dir, settings, InstantSource.system(), listener)) {
            for (long id = 1; id <= 100; id++) {
                acks.add(store.appendRoom(SqliteStoreTest.room(id)));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            verify(listener).committed(eq(100), anyLong());
            verifyNoMoreInteractions(listener);
            assertEquals(0, doneAtCommit.get(), "no append was acknowledged before its commit returned");
            assertEquals(100, rowsVisibleAtCommit.get(), "the commit is visible to another connection when it returns");
        }
    }

    @Test
    void writesArrivingDuringACommitFormTheNextGroup() throws Exception {
        CountDownLatch firstCommit = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CommitListener listener = mock(CommitListener.class);
        doAnswer(call -> {
            firstCommit.countDown();
            release.await();
            return null;
        }).when(listener).committed(eq(1), anyLong());
        StoreSettings settings = StoreSettings.DEFAULTS.withBatching(1000, 1000, Duration.ZERO);
        try (SqliteStore store = SqliteStore.open(dir, settings, InstantSource.system(), listener)) {
            CompletableFuture<Void> first = store.appendRoom(SqliteStoreTest.room(1));
            assertTrue(firstCommit.await(10, TimeUnit.SECONDS));
            List<CompletableFuture<Void>> rest = new ArrayList<>();
            for (long id = 2; id <= 51; id++) {
                rest.add(store.appendRoom(SqliteStoreTest.room(id)));
            }
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            verify(listener, timeout(5000)).committed(eq(50), anyLong());
        }
    }

    @Test
    void aFullWriteQueueRefusesAtOnceWithOverloadedInsteadOfGrowing() throws Exception {
        CountDownLatch inCommit = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CommitListener blocking = (writes, nanos) -> {
            inCommit.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        StoreSettings settings = StoreSettings.DEFAULTS.withBatching(4, 1, Duration.ZERO);
        try (SqliteStore store = SqliteStore.open(dir, settings, InstantSource.system(), blocking)) {
            CompletableFuture<Void> held = store.appendRoom(SqliteStoreTest.room(1));
            assertTrue(inCommit.await(10, TimeUnit.SECONDS));
            List<CompletableFuture<Void>> queued = new ArrayList<>();
            for (long id = 2; id <= 5; id++) {
                queued.add(store.appendRoom(SqliteStoreTest.room(id)));
            }
            StoreException refused = assertThrows(StoreException.class, () -> store.appendRoom(SqliteStoreTest.room(6)));
            assertEquals(Reason.OVERLOADED, refused.reason());
            assertFalse(held.isDone(), "acknowledged only after the commit, which is still running");
            release.countDown();
            CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertEquals(5, store.lastRoomId("lobby"));
        }
    }

    @Test
    void closeCommitsWhatIsQueued() {
        StoreSettings settings = StoreSettings.DEFAULTS.withBatching(1000, 10, Duration.ofMillis(50));
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        try (SqliteStore store = SqliteStore.open(dir, settings)) {
            for (long id = 1; id <= 95; id++) {
                acks.add(store.appendRoom(SqliteStoreTest.room(id)));
            }
        }
        acks.forEach(CompletableFuture::join);
        try (SqliteStore store = SqliteStore.open(dir, settings)) {
            assertEquals(95, store.roomAfter("lobby", 0, 1000).size());
        }
    }

    private int rowsOnDisk() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE_NAME));
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM room_message")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
