package dev.chat.daemon;

import dev.chat.daemon.cluster.Cluster;
import dev.chat.daemon.store.MemoryStore;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.ClusterState;
import dev.chat.wire.frame.ClusterStatus;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.ServerLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.InOrder;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The core's side of the {@link Cluster} seam, against a mock: when the registry claims, reports,
 * abandons and releases a name, and that a clustered room takes its messages from the cluster
 * only (the one order), not from the sender's own append.
 */
@ExtendWith(MockitoExtension.class)
class ClusterSeamTest {
    private static final ServerLimits LIMITS = new ServerLimits(65536, 4096, 32, 20, 50, 60);

    @Mock
    Cluster cluster;

    private UserRegistry registry() {
        lenient().when(cluster.clustered()).thenReturn(true);
        return new UserRegistry("chatd test", LIMITS, 1 << 20, new History(new MemoryStore(), 50), Duration.ofSeconds(60),
                System::nanoTime, cluster);
    }

    private static UserRegistry.JoinRequest request(String name, Peer peer) {
        return new UserRegistry.JoinRequest(name, peer, 1, false, null, true);
    }

    @Test
    void aJoinClaimsTheNameBeforeItsOwnChecksAndReportsTheJoinWithItsTokenAfterwards() {
        UserRegistry registry = registry();
        Cluster.Claim claim = new Cluster.Claim("alice", Cluster.Claim.Kind.NEW, 0, "v");
        when(cluster.claim("alice", "Alice", null, 1)).thenReturn(claim);
        UserRegistry.Joined joined = registry.join(request("Alice", new RecordingPeer()));
        InOrder order = inOrder(cluster);
        order.verify(cluster).claim("alice", "Alice", null, 1);
        order.verify(cluster).joined(claim, "Alice", joined.token(), joined.since());
        verify(cluster, never()).abandon(any());
    }

    @Test
    void aJoinTheCoreRefusesAfterTheClaimAbandonsIt() {
        UserRegistry registry = registry();
        Cluster.Claim claim = new Cluster.Claim("bob", Cluster.Claim.Kind.NEW, 0, "v");
        when(cluster.claim(eq("bob"), anyString(), isNull(), anyLong())).thenReturn(claim);
        RecordingPeer peer = new RecordingPeer();
        registry.join(request("bob", peer));
        ProtocolException twice = assertThrows(ProtocolException.class, () -> registry.join(request("bob", peer)));
        assertEquals(ErrorCode.ALREADY_JOINED, twice.code());
        verify(cluster).abandon(claim);
    }

    @Test
    void aNameTheClusterRefusesNeverReachesTheRoom() {
        UserRegistry registry = registry();
        when(cluster.claim(anyString(), anyString(), isNull(), anyLong()))
                .thenThrow(new ProtocolException(ErrorCode.CLUSTER_UNAVAILABLE, "down", 1L));
        ProtocolException refused = assertThrows(ProtocolException.class,
                () -> registry.join(request("carol", new RecordingPeer())));
        assertEquals(ErrorCode.CLUSTER_UNAVAILABLE, refused.code());
        assertEquals(0, registry.size());
        verify(cluster, never()).joined(any(), anyString(), any(), anyLong());
    }

    @Test
    void aLeaveTellsTheClusterWhetherTheNameStaysHeldForItsToken() {
        UserRegistry registry = registry();
        when(cluster.claim(anyString(), anyString(), isNull(), anyLong()))
                .thenAnswer(call -> new Cluster.Claim(call.getArgument(0), Cluster.Claim.Kind.NEW, 0, "v"));
        RecordingPeer dave = new RecordingPeer();
        RecordingPeer erin = new RecordingPeer();
        registry.join(request("dave", dave));
        registry.join(request("erin", erin));
        registry.leave(dave, LeaveReason.CONNECTION_LOST);
        registry.leave(erin, LeaveReason.QUIT);
        verify(cluster).left("dave", "dave", LeaveReason.CONNECTION_LOST, true);
        verify(cluster).left("erin", "erin", LeaveReason.QUIT, false);
    }

    @Test
    void aClusteredBroadcastReachesTheRoomFromTheClusterOnlyAndCountsTheOtherNodesUsers() throws Exception {
        UserRegistry registry = registry();
        when(cluster.claim(anyString(), anyString(), isNull(), anyLong()))
                .thenAnswer(call -> new Cluster.Claim(call.getArgument(0), Cluster.Claim.Kind.NEW, 0, "v"));
        when(cluster.post("frank", "frank", "hi", false, 5, 7)).thenReturn(new Cluster.Posted(42, 3, CompletableFuture.completedFuture(null)));
        RecordingPeer frank = new RecordingPeer();
        RecordingPeer gina = new RecordingPeer();
        registry.join(request("frank", frank));
        registry.join(request("gina", gina));
        frank.openRoom(List.of());
        gina.openRoom(List.of());
        UserRegistry.Posted posted = registry.post(frank, "frank", "hi", 5, 100, 7);
        assertEquals(List.of(4, 42L), List.of(posted.recipients(), posted.id()), "gina here and 3 elsewhere");
        assertEquals(0, messages(gina).size(), "nothing appended before the cluster's stream brings it");

        ClusterBridge bridge = new ClusterBridge(registry);
        bridge.roomMessage(new Message("frank", "all", "hi", 5, 42L, null), "frank", true);
        bridge.status(new ClusterStatus(ClusterState.DEGRADED, "down"));
        assertEquals(List.of(42L), messages(gina).stream().map(Message::id).toList());
        assertEquals(0, messages(frank).size(), "not back to its sender");
        assertEquals(1, gina.frames().stream().filter(ClusterStatus.class::isInstance).count());
        assertEquals(42, registry.join(request("hana", new RecordingPeer())).upTo(), "a joiner's history covers what was applied");
    }

    private static List<Message> messages(RecordingPeer peer) {
        return peer.frames().stream().filter(Message.class::isInstance).map(Message.class::cast).toList();
    }
}
