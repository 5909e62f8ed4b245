package dev.chat.daemon.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Accounts and history, as the daemon sees them: the seam between chat sessions and a database.
 * {@link SqliteStore} is the embedded default; a clustered daemon implements this on Redis. Nothing
 * above this interface knows which.
 *
 * <p><b>Writes</b> return at once. Their future completes only after the write is durable (for
 * {@link SqliteStore}: committed and fsynced), so a {@code sent} reply sent when an append's future
 * completes never acknowledges a message a crash could lose. A full write queue throws
 * {@link StoreException} with {@link StoreException.Reason#OVERLOADED} from the call itself; every
 * other failure completes the future exceptionally with a {@link StoreException}. Writes from one
 * thread are applied in call order.
 *
 * <p><b>Reads</b> block the calling (virtual) thread briefly and see every write whose future has
 * completed. Message lists are oldest first. {@code limit} is 1..{@link #MAX_PAGE}.
 *
 * <p>Keys are collision keys ({@link dev.chat.wire.Names#key}); rooms are room names.
 */
public interface ChatStore extends AutoCloseable {
    /** The most messages one read returns; page with the first or last id of a page. */
    int MAX_PAGE = 1000;

    // --- accounts

    /** Registers {@code account.key()}; fails with {@code ALREADY_REGISTERED} when it is taken. */
    CompletableFuture<Void> register(Account account);

    Optional<Account> account(String key);

    /** Replaces the hash; fails with {@code NO_SUCH_ACCOUNT}. */
    CompletableFuture<Void> changePassword(String key, String passwordHash);

    /** Locks or unlocks; fails with {@code NO_SUCH_ACCOUNT}. */
    CompletableFuture<Void> setLocked(String key, boolean locked);

    /** Deletes the account and its undelivered offline messages; true if it existed. */
    CompletableFuture<Boolean> deleteAccount(String key);

    /** Every account, by key. */
    List<Account> accounts();

    // --- history

    /** Stores a broadcast; fails with {@code DUPLICATE_ID} when the room already has the id. */
    CompletableFuture<Void> appendRoom(RoomMessage message);

    /** Stores a delivered private message; fails with {@code DUPLICATE_ID}. */
    CompletableFuture<Void> appendPrivate(PrivateMessage message);

    /**
     * Stores a private message for a registered recipient who is offline: it is in the history
     * like any private message and also pending until {@link #takeOffline}. Fails with
     * {@code NO_SUCH_ACCOUNT} (recipient not registered), {@code OFFLINE_FULL} or {@code DUPLICATE_ID}.
     */
    CompletableFuture<Void> storeOffline(PrivateMessage message);

    /**
     * The recipient's pending offline messages, oldest first, marked delivered in the same commit.
     * If the daemon dies before handing them over they are still in the private history
     * ({@link #privatesAfter}), so a resuming client gets them there.
     */
    CompletableFuture<List<PrivateMessage>> takeOffline(String recipientKey);

    /** The last {@code limit} messages of the room. */
    List<RoomMessage> lastRoom(String room, int limit);

    /** Up to {@code limit} messages with ids above {@code afterId} (0: from the start). */
    List<RoomMessage> roomAfter(String room, long afterId, int limit);

    /** Up to {@code limit} messages with ids below {@code beforeId}, the newest of them. */
    List<RoomMessage> roomBefore(String room, long beforeId, int limit);

    /** The room's highest id, 0 if none: where a restarted room log continues. */
    long lastRoomId(String room);

    /** The last {@code limit} private messages to or from the user, over all conversations, by time. */
    List<PrivateMessage> lastPrivates(String userKey, int limit);

    List<PrivateMessage> privatesAfter(Conversation conversation, long afterId, int limit);

    List<PrivateMessage> privatesBefore(Conversation conversation, long beforeId, int limit);

    /** The conversation's highest id, 0 if none. */
    long lastPrivateId(Conversation conversation);

    /**
     * The highest id of any room or private message, 0 if none: where a daemon that numbers every
     * message from one sequence continues after a restart.
     */
    long lastMessageId();

    /** Up to {@code limit} private messages to or from the user with ids above {@code afterId}, over all conversations, by id. */
    List<PrivateMessage> userPrivatesAfter(String userKey, long afterId, int limit);

    /** The newest {@code limit} private messages to or from the user with ids below {@code beforeId}, oldest first. */
    List<PrivateMessage> userPrivatesBefore(String userKey, long beforeId, int limit);

    // --- retention

    /** Prunes now by age and by count (the store also does so in the background); rows deleted. */
    CompletableFuture<Long> prune();

    /** Commits what is queued, then releases the database. Later calls fail with {@code CLOSED}. */
    @Override
    void close();
}
