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
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

@ExtendWith(MockitoExtension.class)
class RouterTest {
    private static final long TS = 1_717_236_001_000L;

    @Mock
    private Peer alice;
    @Mock
    private Peer bob;
    @Mock
    private Peer carol;

    private Router router;

    @BeforeEach
    void joinEveryone() {
        UserRegistry registry = new UserRegistry("chatd", new ServerLimits(1, 1, 1, 0, 0, 60));
        registry.join("alice", alice, 1);
        registry.join("Bob", bob, 1);
        registry.join("carol", carol, 1);
        clearInvocations(alice, bob, carol);
        for (Peer peer : new Peer[] {alice, bob, carol}) {
            lenient().when(peer.deliver(any(ServerFrame.class))).thenReturn(true);
            lenient().when(peer.deliver(any(SharedFrame.class))).thenReturn(true);
        }
        router = new Router(registry, () -> TS);
    }

    @Test
    void aPrivateMessageReachesOnlyItsTargetUnderTheRegisteredName() {
        Sent sent = router.route(alice, "alice", new Send(5, "ＢＯＢ", "hi"));
        assertEquals(new Sent(5, "Bob", 1, TS), sent);
        verify(bob).deliver(new Message("alice", "Bob", "hi", TS));
        verifyNoMoreInteractions(alice, bob, carol);
    }

    @Test
    void aBroadcastReachesEveryoneButTheSender() {
        Sent sent = router.route(alice, "alice", new Send(6, "ALL", "hello"));
        assertEquals(new Sent(6, "all", 2, TS), sent);
        Message message = new Message("alice", "all", "hello", TS);
        verify(bob).deliver(argThat((SharedFrame shared) -> shared.frame().equals(message)));
        verify(carol).deliver(argThat((SharedFrame shared) -> shared.frame().equals(message)));
        verify(alice, never()).deliver(any(SharedFrame.class));
        verify(alice, never()).deliver(any(ServerFrame.class));
    }

    @Test
    void aBroadcastCountsOnlyRecipientsWhoseQueueTookIt() {
        when(carol.deliver(any(SharedFrame.class))).thenReturn(false); // carol is being kicked
        assertEquals(new Sent(9, "all", 1, TS), router.route(alice, "alice", new Send(9, "all", "hello")));
    }

    @Test
    void aTargetWhoLeavesDuringDeliveryIsAnUnknownTarget() {
        when(bob.deliver(any(ServerFrame.class))).thenReturn(false);
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> router.route(alice, "alice", new Send(10, "bob", "hi")));
        assertEquals(ErrorCode.UNKNOWN_TARGET, e.code());
        assertEquals("'Bob' just left", e.getMessage());
    }

    @Test
    void sendingToYourselfIsAllowed() {
        assertEquals(new Sent(7, "alice", 1, TS), router.route(alice, "alice", new Send(7, "alice", "note")));
        verify(alice).deliver(new Message("alice", "alice", "note", TS));
    }

    @Test
    void anUnknownTargetIsAnErrorForThatRequestAndDeliversNothing() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> router.route(alice, "alice", new Send(8, "dave", "hi")));
        assertEquals(ErrorCode.UNKNOWN_TARGET, e.code());
        assertEquals("no user 'dave' online", e.getMessage());
        assertEquals(8, e.re().getAsLong());
        verify(bob, never()).deliver(any(ServerFrame.class));
        verify(bob, never()).deliverAll(anyList());
    }
}
