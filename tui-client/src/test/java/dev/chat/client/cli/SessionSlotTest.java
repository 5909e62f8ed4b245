package dev.chat.client.cli;

import dev.chat.client.DisconnectedException;
import dev.chat.client.DownloadException;
import dev.chat.client.TransferProtocol;
import dev.chat.wire.frame.Sent;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session line mode keeps across reconnects: lines wait while away and go out in order. */
class SessionSlotTest {
    @Test
    void linesSentWhileAwayWaitAndGoToTheRejoinedSessionInOrderBeforeNewOnes() {
        FakeSession first = new FakeSession();
        SessionSlot slot = new SessionSlot(first);
        slot.send("bob", "before").join();
        slot.detach();
        CompletableFuture<Sent> one = slot.send("bob", "one");
        CompletableFuture<Sent> two = slot.send("all", "two");
        assertFalse(one.isDone());
        assertEquals(2, slot.waiting());

        FakeSession second = new FakeSession();
        slot.attach(second);
        slot.send("bob", "three").join();
        assertEquals(List.of("bob:one", "all:two", "bob:three"), List.copyOf(second.sends));
        assertEquals("bob", one.join().to());
        assertTrue(two.isDone());
        assertEquals(List.of("bob:before"), List.copyOf(first.sends));
    }

    @Test
    void actionsWaitInLineWithTextAndGoOutAsActionsWhileAwayOnlyForwardsWhenConnected() {
        FakeSession first = new FakeSession();
        SessionSlot slot = new SessionSlot(first);
        slot.away("lunch").join();
        assertEquals(List.of("lunch"), List.copyOf(first.aways));
        slot.detach();
        CompletableFuture<Sent> acted = slot.sendAction("all", "waves");
        slot.send("all", "hi");
        CompletionException away = assertThrows(CompletionException.class, () -> slot.away(null).join());
        assertInstanceOf(DisconnectedException.class, away.getCause());

        FakeSession second = new FakeSession();
        slot.attach(second);
        assertEquals(List.of("all:* waves", "all:hi"), List.copyOf(second.sends));
        assertTrue(acted.isDone());
        slot.away(null).join();
        assertEquals(List.of("(back)"), List.copyOf(second.aways));
    }

    @Test
    void requestsThatNeedTheDaemonFailAtOnceWhileAway() {
        SessionSlot slot = new SessionSlot(new FakeSession());
        slot.detach();
        CompletionException users = assertThrows(CompletionException.class, () -> slot.listUsers().join());
        assertInstanceOf(DisconnectedException.class, users.getCause());
        CompletionException get = assertThrows(CompletionException.class, () ->
                slot.download("a.txt", TransferProtocol.TCP, Path.of("x"), null).result().join());
        assertInstanceOf(DownloadException.class, get.getCause());
        assertEquals("alice", slot.name(), "the last session's name stays");
    }

    @Test
    void closingWhileAwayFailsTheWaitingLinesInsteadOfLeavingThemHanging() {
        SessionSlot slot = new SessionSlot(new FakeSession());
        slot.detach();
        CompletableFuture<Sent> waiting = slot.send("bob", "never");
        slot.close();
        CompletionException failed = assertThrows(CompletionException.class, waiting::join);
        assertInstanceOf(DisconnectedException.class, failed.getCause());
        assertTrue(slot.terminated().isDone());
    }

    @Test
    void theOutboxIsBounded() {
        SessionSlot slot = new SessionSlot(new FakeSession());
        slot.detach();
        for (int i = 0; i < SessionSlot.OUTBOX_LIMIT; i++) {
            slot.send("all", "line " + i);
        }
        CompletionException full = assertThrows(CompletionException.class, () -> slot.send("all", "one more").join());
        assertTrue(full.getCause().getMessage().contains("already wait"), full.getCause().getMessage());
    }
}
