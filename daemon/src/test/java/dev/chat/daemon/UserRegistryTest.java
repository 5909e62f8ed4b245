package dev.chat.daemon;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.ServerLimits;
import dev.chat.wire.frame.UserJoined;
import dev.chat.wire.frame.UserLeft;
import dev.chat.wire.frame.UserList;
import dev.chat.wire.frame.Welcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserRegistryTest {
    private static final ServerLimits LIMITS = new ServerLimits(65536, 4096, 32, 20, 50, 60);

    private final UserRegistry registry = new UserRegistry("chatd test", LIMITS);

    @Test
    void aJoinerIsWelcomedWithEveryoneAndTheOthersHearOfIt() {
        RecordingPeer alice = new RecordingPeer();
        RecordingPeer bob = new RecordingPeer();
        registry.join("alice", alice, 1);
        registry.join("bob", bob, 7);
        assertEquals(List.of(new Welcome(7, "bob", List.of("alice", "bob"), false, "chatd test", 1, LIMITS)),
                bob.frames());
        assertEquals(new UserJoined("bob"), alice.last());
    }

    @Test
    void userListsAreSortedByCollisionKeyNotByJoinOrder() {
        for (String name : List.of("carol", "Bob", "\uFF24ave", "alice")) { // U+FF24: full-width D
            registry.join(name, new RecordingPeer(), 1);
        }
        List<String> sorted = List.of("alice", "Bob", "carol", "\uFF24ave");
        assertEquals(sorted, registry.names(), "keys alice < bob < carol < dave; plain String order would put Bob and \uFF24ave elsewhere");
        RecordingPeer erin = new RecordingPeer();
        registry.join("erin", erin, 9);
        Welcome welcome = assertInstanceOf(Welcome.class, erin.last());
        assertEquals(List.of("alice", "Bob", "carol", "\uFF24ave", "erin"), welcome.users());
    }

    @Test
    void aLeaverIsAnnouncedWithItsReasonToEveryoneElse() {
        RecordingPeer alice = new RecordingPeer();
        RecordingPeer bob = new RecordingPeer();
        registry.join("alice", alice, 1);
        registry.join("bob", bob, 1);
        bob.clear();
        assertTrue(registry.leave(alice, LeaveReason.TIMED_OUT));
        assertEquals(List.of(new UserLeft("alice", LeaveReason.TIMED_OUT)), bob.frames());
        assertFalse(registry.leave(alice, LeaveReason.QUIT), "a second leave is a no-op");
        assertEquals(List.of("bob"), registry.names());
    }

    @Test
    void namesCollideRegardlessOfCaseAndWidth() {
        registry.join("Alice", new RecordingPeer(), 1);
        for (String variant : List.of("Alice", "ALICE", "alice", "Ａｌｉｃｅ")) {
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> registry.join(variant, new RecordingPeer(), 9));
            assertEquals(ErrorCode.NAME_TAKEN, e.code());
            assertEquals(9, e.re().getAsLong());
        }
        assertTrue(registry.find("ＡＬＩＣＥ").isPresent());
        assertEquals("Alice", registry.find("alice").orElseThrow().name());
    }

    @Test
    void aNameIsFreeAgainAfterItsOwnerLeft() {
        RecordingPeer first = new RecordingPeer();
        registry.join("alice", first, 1);
        registry.leave(first, LeaveReason.QUIT);
        registry.join("ALICE", new RecordingPeer(), 2);
        assertEquals(List.of("ALICE"), registry.names());
    }

    @Test
    void onePeerCannotJoinTwice() {
        RecordingPeer alice = new RecordingPeer();
        registry.join("alice", alice, 1);
        assertEquals(ErrorCode.ALREADY_JOINED,
                assertThrows(ProtocolException.class, () -> registry.join("alice2", alice, 2)).code());
    }

    @Test
    void theWelcomeIsPagedWhenMoreThan256UsersAreOnline() {
        for (int i = 0; i < 300; i++) {
            registry.join("user" + i, new RecordingPeer(), 1);
        }
        RecordingPeer last = new RecordingPeer();
        registry.join("last", last, 42);
        List<ServerFrame> frames = last.frames();
        assertEquals(2, frames.size());
        Welcome welcome = assertInstanceOf(Welcome.class, frames.get(0));
        assertEquals(256, welcome.users().size());
        assertTrue(welcome.more());
        UserList rest = assertInstanceOf(UserList.class, frames.get(1));
        assertEquals(42, rest.re());
        assertEquals(45, rest.users().size());
        assertFalse(rest.more());
        assertEquals("last", welcome.users().get(0), "sorted by case fold across pages: last < user0 < user1 ...");
        assertEquals("user99", rest.users().get(44));
        assertEquals("user0", welcome.users().get(1), "not skeleton order, where 0 is o and sorts after 9");
    }

    @Test
    void broadcastSkipsTheSenderAndCountsRecipients() throws Exception {
        RecordingPeer alice = new RecordingPeer();
        RecordingPeer bob = new RecordingPeer();
        RecordingPeer carol = new RecordingPeer();
        registry.join("alice", alice, 1);
        registry.join("bob", bob, 1);
        registry.join("carol", carol, 1);
        alice.clear();
        assertEquals(2, registry.broadcast(alice, new UserJoined("x"), 64));
        assertEquals(List.of(), alice.frames());
        assertEquals(new UserJoined("x"), bob.last());
    }

    @Test
    void afterCloseAllNobodyIsOnlineAndJoinsFail() {
        RecordingPeer alice = new RecordingPeer();
        RecordingPeer bob = new RecordingPeer();
        registry.join("alice", alice, 1);
        registry.join("bob", bob, 1);
        alice.clear();
        registry.closeAll();
        assertFalse(registry.leave(bob, LeaveReason.SERVER_SHUTDOWN));
        assertEquals(List.of(), alice.frames(), "no user_left storm on shutdown");
        assertThrows(ProtocolException.class, () -> registry.join("carol", new RecordingPeer(), 1));
    }

    @Test
    @Timeout(10)
    void ofAHundredThreadsRacingForOneNameExactlyOneWins() throws Exception {
        int racers = 100;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch ready = new CountDownLatch(racers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String spelling = i % 3 == 0 ? "Race" : i % 3 == 1 ? "RACE" : "Ｒａｃｅ";
                results.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        registry.join(spelling, new RecordingPeer(), 1);
                        return true;
                    } catch (ProtocolException e) {
                        assertEquals(ErrorCode.NAME_TAKEN, e.code());
                        return false;
                    }
                }));
            }
            assertTrue(ready.await(5, TimeUnit.SECONDS));
            go.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(5, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, winners);
            assertEquals(1, registry.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
