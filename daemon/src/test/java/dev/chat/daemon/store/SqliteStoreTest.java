package dev.chat.daemon.store;

import dev.chat.daemon.store.StoreException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path dir;
    private SqliteStore store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir, StoreSettings.DEFAULTS.withMaxOfflinePerRecipient(3));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void roomHistoryReadsTheLastMessagesAndPagesForwardAndBackByIdOldestFirst() {
        LongStream.rangeClosed(1, 10).forEach(id -> store.appendRoom(room(id)).join());
        store.appendRoom(new RoomMessage("other", 1, "zed", "elsewhere", T0)).join();

        assertEquals(List.of(8L, 9L, 10L), ids(store.lastRoom("lobby", 3)));
        assertEquals(List.of(1L, 2L, 3L, 4L), ids(store.roomAfter("lobby", 0, 4)));
        assertEquals(List.of(5L, 6L, 7L, 8L), ids(store.roomAfter("lobby", 4, 4)));
        assertEquals(List.of(9L, 10L), ids(store.roomAfter("lobby", 8, 4)));
        assertEquals(List.of(), store.roomAfter("lobby", 10, 4));
        assertEquals(List.of(2L, 3L, 4L), ids(store.roomBefore("lobby", 5, 3)));
        assertEquals(List.of(1L), ids(store.roomBefore("lobby", 2, 3)));
        assertEquals(10, store.lastRoomId("lobby"));
        assertEquals(0, store.lastRoomId("empty"));
        assertEquals(room(4), store.roomAfter("lobby", 3, 1).getFirst());
    }

    @Test
    void aDuplicateIdFailsOnlyItsOwnWrite() {
        store.appendRoom(room(1)).join();
        CompletableFuture<Void> duplicate = store.appendRoom(room(1));
        CompletableFuture<Void> next = store.appendRoom(room(2));
        assertEquals(Reason.DUPLICATE_ID, reason(duplicate));
        next.join();
        assertEquals(List.of(1L, 2L), ids(store.lastRoom("lobby", 10)));
        assertEquals("text 1", store.lastRoom("lobby", 10).getFirst().text());
    }

    @Test
    void bothDirectionsOfAPrivateConversationShareOneIdSequence() {
        store.appendPrivate(dm(1, "ann", "bob", "hi bob")).join();
        store.appendPrivate(dm(2, "bob", "ann", "hi ann")).join();
        store.appendPrivate(dm(1, "ann", "cid", "hi cid")).join();

        Conversation annBob = Conversation.of("bob", "ann");
        assertEquals(annBob, Conversation.of("ann", "bob"));
        assertEquals(List.of("hi bob", "hi ann"), texts(store.privatesAfter(annBob, 0, 10)));
        assertEquals(List.of("hi bob"), texts(store.privatesBefore(annBob, 2, 10)));
        assertEquals(2, store.lastPrivateId(annBob));
        assertEquals(Reason.DUPLICATE_ID, reason(store.appendPrivate(dm(2, "ann", "bob", "again"))));
        assertEquals(List.of("hi bob", "hi ann", "hi cid"), texts(store.lastPrivates("ann", 10)));
        assertEquals(List.of("hi bob", "hi ann"), texts(store.lastPrivates("bob", 10)));
        assertEquals(List.of("hi ann", "hi cid"), texts(store.lastPrivates("ann", 2)));
    }

    @Test
    void aNoteToSelfIsListedOnce() {
        store.appendPrivate(dm(1, "ann", "ann", "remember milk")).join();
        assertEquals(List.of("remember milk"), texts(store.lastPrivates("ann", 10)));
    }

    @Test
    void offlineMessagesWaitForARegisteredRecipientAndAreTakenOnce() {
        store.register(account("bob")).join();
        store.storeOffline(dm(1, "ann", "bob", "while you were out")).join();
        store.storeOffline(dm(1, "cid", "bob", "me too")).join();

        assertEquals(List.of("while you were out", "me too"), texts(store.takeOffline("bob").join()));
        assertEquals(List.of(), store.takeOffline("bob").join());
        assertEquals(List.of("while you were out"), texts(store.privatesAfter(Conversation.of("ann", "bob"), 0, 10)));
    }

    @Test
    void offlineMessagesForAnUnregisteredNameOrBeyondTheQuotaAreRefused() {
        assertEquals(Reason.NO_SUCH_ACCOUNT, reason(store.storeOffline(dm(1, "ann", "ghost", "anyone?"))));
        store.register(account("bob")).join();
        for (int id = 1; id <= 3; id++) {
            store.storeOffline(dm(id, "ann", "bob", "n" + id)).join();
        }
        assertEquals(Reason.OFFLINE_FULL, reason(store.storeOffline(dm(4, "ann", "bob", "n4"))));
        assertEquals(3, store.lastPrivateId(Conversation.of("ann", "bob")));
    }

    @Test
    void accountsRegisterOnceLockUnlockChangeAndDelete() {
        store.register(account("bob")).join();
        assertEquals(Reason.ALREADY_REGISTERED, reason(store.register(account("bob"))));
        assertEquals(Reason.NO_SUCH_ACCOUNT, reason(store.setLocked("nobody", true)));

        store.setLocked("bob", true).join();
        assertTrue(store.account("bob").orElseThrow().locked());
        store.setLocked("bob", false).join();
        store.changePassword("bob", "$argon2id$new").join();
        assertEquals("$argon2id$new", store.account("bob").orElseThrow().passwordHash());
        store.register(account("ann")).join();
        assertEquals(List.of("ann", "bob"), store.accounts().stream().map(Account::key).toList());

        store.storeOffline(dm(1, "ann", "bob", "pending")).join();
        assertTrue(store.deleteAccount("bob").join());
        assertFalse(store.deleteAccount("bob").join());
        assertTrue(store.account("bob").isEmpty());
        store.register(account("bob")).join();
        assertEquals(List.of(), store.takeOffline("bob").join(), "a new owner of the name gets none of the old mail");
    }

    @Test
    void anAccountNeverPrintsItsHash() {
        assertFalse(account("bob").toString().contains("hash-of"));
    }

    @Test
    void aPageLimitOutsideOneToMaxPageIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> store.lastRoom("lobby", 0));
        assertThrows(IllegalArgumentException.class, () -> store.roomAfter("lobby", 0, ChatStore.MAX_PAGE + 1));
        assertEquals(List.of(), store.roomAfter("lobby", 0, ChatStore.MAX_PAGE));
    }

    @Test
    void afterCloseWritesAndReadsFailAsClosed() {
        store.appendRoom(room(1)).join();
        store.close();
        assertEquals(Reason.CLOSED, reason(store.appendRoom(room(2))));
        assertEquals(Reason.CLOSED, assertThrows(StoreException.class, () -> store.lastRoomId("lobby")).reason());
    }

    static RoomMessage room(long id) {
        return new RoomMessage("lobby", id, "ann", "text " + id, T0.plusSeconds(id));
    }

    private static final java.util.concurrent.atomic.AtomicLong SECONDS = new java.util.concurrent.atomic.AtomicLong();

    static PrivateMessage dm(long id, String from, String to, String text) {
        return new PrivateMessage(id, from, to, from.toUpperCase(), to, text, T0.plusSeconds(SECONDS.incrementAndGet()));
    }

    static Account account(String key) {
        return new Account(key, key.toUpperCase(), "hash-of-" + key, false, T0);
    }

    static Reason reason(CompletableFuture<?> future) {
        CompletionException e = assertThrows(CompletionException.class, future::join);
        return ((StoreException) e.getCause()).reason();
    }

    private static List<Long> ids(List<RoomMessage> messages) {
        return messages.stream().map(RoomMessage::id).toList();
    }

    private static List<String> texts(List<PrivateMessage> messages) {
        return messages.stream().map(PrivateMessage::text).toList();
    }
}
