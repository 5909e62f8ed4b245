package dev.chat.daemon;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.ServerLimits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class RouterTest {
    private static final long TS = 1_717_236_001_000L;

    private final RecordingPeer alice = new RecordingPeer();
    private final RecordingPeer bob = new RecordingPeer();
    private final RecordingPeer carol = new RecordingPeer();
    private UserRegistry registry;
    private Router router;

    @BeforeEach
    void joinEveryone() {
        registry = new UserRegistry("chatd", new ServerLimits(1, 1, 1, 0, 0, 60));
        registry.join("alice", alice, 1);
        registry.join("Bob", bob, 1);
        registry.join("carol", carol, 1);
        alice.clear();
        bob.clear();
        carol.clear();
        router = new Router(registry, () -> TS);
    }

    @Test
    void aPrivateMessageReachesOnlyItsTargetUnderTheRegisteredName() throws Exception {
        Router.Routed routed = router.route(alice, "alice", new Send(5, "ＢＯＢ", "hi"));
        assertEquals(new Sent(5, "Bob", 1, TS, 1L, null), routed.receipt().join());
        assertEquals(List.of(new Message("alice", "Bob", "hi", TS, 1L, null)), bob.frames());
        assertEquals(List.of(), alice.frames());
        assertEquals(List.of(), carol.frames());
    }

    @Test
    void aBroadcastReachesEveryoneButTheSenderAndCostsItsBytesTimesRecipients() throws Exception {
        Router.Routed routed = router.route(alice, "alice", new Send(6, "ALL", "hello"));
        assertEquals(new Sent(6, "all", 2, TS, 1L, null), routed.receipt().join());
        Message message = new Message("alice", "all", "hello", TS, 1L, null);
        assertEquals(List.of(message), bob.frames());
        assertEquals(List.of(message), carol.frames());
        assertEquals(List.of(), alice.frames());
        Router.Routed alone = router.route(alice, "alice", new Send(7, "bob", "hello"));
        assertEquals(2 * alone.fanoutBytes(), routed.fanoutBytes());
    }

    @Test
    void aTargetWhoLeavesDuringDeliveryFindsTheMessageInItsHistoryAndTheSenderIsToldItIsStored() throws Exception {
        Peer leaving = mock(Peer.class);
        when(leaving.deliverPaced(any(ServerFrame.class))).thenReturn(false); // closed while we waited
        registry.join("dave", leaving, 1);
        Sent sent = (Sent) router.route(alice, "alice", new Send(10, "dave", "hi")).receipt().join();
        assertEquals(new Sent(10, "dave", 0, TS, 1L, true), sent);
        assertEquals(1, registry.history().store().userPrivatesAfter("dave", 0, 10).size());
    }

    @Test
    void sendingToYourselfIsAllowed() throws Exception {
        assertEquals(new Sent(7, "alice", 1, TS, 1L, null),
                router.route(alice, "alice", new Send(7, "alice", "note")).receipt().join());
        assertEquals(List.of(new Message("alice", "alice", "note", TS, 1L, null)), alice.frames());
    }

    @Test
    void anUnknownTargetIsAnErrorForThatRequestAndDeliversNothing() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> router.route(alice, "alice", new Send(8, "dave", "hi")));
        assertEquals(ErrorCode.UNKNOWN_TARGET, e.code());
        assertEquals("no user 'dave' online", e.getMessage());
        assertEquals(8, e.re().getAsLong());
        assertEquals(List.of(), bob.frames());
    }
}
