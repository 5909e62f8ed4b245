package dev.chat.daemon.cluster;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The remote users' away states: announced once, ended by a leave or a dead node, diffed on a full read. */
class RemotePresenceTest {
    private final RemotePresence presence = new RemotePresence();

    @Test
    void anAwayStateIsAChangeOnceAndOnlyForAUserOnlineOnThatNode() {
        presence.join("a", "alice", "Alice");
        assertFalse(presence.away("b", "alice", "lunch"), "alice is not on node b");
        assertTrue(presence.away("a", "alice", "lunch"));
        assertFalse(presence.away("a", "alice", "lunch"), "the same state again (a re-announce) is no change");
        assertEquals(Map.of("Alice", "lunch"), presence.awayNames());
        assertTrue(presence.away("a", "alice", null));
        assertFalse(presence.away("a", "alice", null));
        assertEquals(Map.of(), presence.awayNames());
    }

    @Test
    void aLeaveOrADeadNodeEndsTheAwayState() {
        presence.join("a", "alice", "Alice");
        presence.join("a", "bob", "Bob");
        presence.away("a", "alice", "lunch");
        presence.away("a", "bob", "meeting");
        presence.leave("a", "alice");
        assertEquals(Map.of("Bob", "meeting"), presence.awayNames());
        presence.join("a", "alice", "Alice");
        assertEquals(Map.of("Bob", "meeting"), presence.awayNames(), "a new session of alice is not away");
        presence.drop("a");
        assertEquals(Map.of(), presence.awayNames());
    }

    @Test
    void aFullReadOfANodeReturnsOnlyTheDifferencesForItsOnlineUsers() {
        presence.join("a", "alice", "Alice");
        presence.join("a", "bob", "Bob");
        presence.away("a", "alice", "lunch");
        List<RemotePresence.Away> changes = presence.replaceAway("a",
                Map.of("alice", "lunch", "bob", "meeting", "ghost", "gone"));
        assertEquals(List.of(new RemotePresence.Away("Bob", "meeting")), changes);
        assertEquals(List.of(new RemotePresence.Away("Alice", null)), presence.replaceAway("a", Map.of("bob", "meeting")));
        presence.replace("a", Map.of("alice", "Alice"));
        assertEquals(Map.of(), presence.awayNames(), "bob left in the full read: his state ended");
    }
}
