package dev.chat.client;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.UserList;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Matching replies to requests, without a socket. */
class PendingRequestsTest {
    private static final Duration LONG = Duration.ofSeconds(30);
    private final PendingRequests pending = new PendingRequests();

    @Test
    void aReplyCompletesTheRequestWithItsIdAndLeavesTheMap() throws Exception {
        CompletableFuture<Sent> one = pending.register(1, ReplyCollector.sent(), LONG);
        CompletableFuture<Sent> two = pending.register(2, ReplyCollector.sent(), LONG);
        pending.offer(2, new Sent(2, "bob", 1, 5));
        assertEquals(new Sent(2, "bob", 1, 5), two.getNow(null));
        assertFalse(one.isDone());
        assertEquals(1, pending.size());
    }

    @Test
    void pagesAccumulateUntilTheLastOne() {
        CompletableFuture<List<String>> users = pending.register(7, ReplyCollector.users(), LONG);
        pending.offer(7, new UserList(7, List.of("a", "b"), true));
        assertFalse(users.isDone());
        pending.offer(7, new UserList(7, List.of("c"), false));
        assertEquals(List.of("a", "b", "c"), users.getNow(null));
    }

    @Test
    void aReplyOfTheWrongTypeFailsTheRequestWithBadFrame() {
        CompletableFuture<Sent> sent = pending.register(3, ReplyCollector.sent(), LONG);
        pending.offer(3, new UserList(3, List.of(), false));
        ExecutionException e = assertThrows(ExecutionException.class, sent::get);
        assertEquals(ErrorCode.BAD_FRAME, assertInstanceOf(ChatException.class, e.getCause()).code());
    }

    @Test
    void repliesAndErrorsForUnknownIdsAreIgnored() {
        pending.offer(99, new Sent(99, "bob", 1, 0));
        assertFalse(pending.fail(99, new ChatException(ErrorCode.UNKNOWN_TARGET, "x")));
        assertEquals(0, pending.size());
    }

    @Test
    void failAllFailsWaitingAndLaterRequests() {
        CompletableFuture<Sent> before = pending.register(1, ReplyCollector.sent(), LONG);
        DisconnectedException gone = new DisconnectedException("gone");
        pending.failAll(gone);
        CompletableFuture<Sent> after = pending.register(2, ReplyCollector.sent(), LONG);
        assertTrue(before.isCompletedExceptionally());
        assertThrows(ExecutionException.class, after::get);
        await().until(() -> pending.size() == 0);
    }

    @Test
    void aRequestTimesOutAndIsForgotten() {
        CompletableFuture<Sent> sent = pending.register(4, ReplyCollector.sent(), Duration.ofMillis(50));
        ExecutionException e = assertThrows(ExecutionException.class, () -> sent.get(5, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, e.getCause());
        await().until(() -> pending.size() == 0);
    }
}
