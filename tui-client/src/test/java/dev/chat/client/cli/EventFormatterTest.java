package dev.chat.client.cli;

import dev.chat.client.ChatException;
import dev.chat.client.DisconnectedException;
import dev.chat.client.WelcomeInfo;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.ServerLimits;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventFormatterTest {
    /** 2024-01-02T12:00:01Z */
    private static final long NOON = 1_704_196_801_000L;
    private final EventFormatter format = new EventFormatter(ZoneOffset.UTC);

    @Test
    void aPrivateMessageIsAddressedToYou() {
        assertEquals("[12:00:01] bob -> you: hi", format.message(new Message("bob", "alice", "hi", NOON)));
    }

    @Test
    void anActionIsAStarLineAndAPrivateOneSaysSo() {
        assertEquals("[12:00:01] * bob waves", format.message(new Message("bob", "all", "waves", NOON, 3L, null, true)));
        assertEquals("[12:00:01] * bob nods (to you)", format.message(new Message("bob", "alice", "nods", NOON, 4L, null, true)));
    }

    @Test
    void awayAndBackNameTheUser() {
        assertEquals("* bob is away: lunch", EventFormatter.away("bob", "lunch"));
        assertEquals("* bob is back", EventFormatter.away("bob", null));
    }

    @Test
    void aBroadcastIsAddressedToAll() {
        assertEquals("[12:00:01] bob -> all: hi", format.message(new Message("bob", "all", "hi", NOON)));
    }

    @Test
    void timesAreShownInTheGivenZone() {
        EventFormatter plusTwo = new EventFormatter(ZoneOffset.ofHours(2));
        assertEquals("[14:00:01] bob -> all: hi", plusTwo.message(new Message("bob", "all", "hi", NOON)));
    }

    @Test
    void controlCharactersFromTheServerAreShownAsReplacementCharactersButTabsStay() {
        assertEquals("[12:00:01] bob -> all: \uFFFD[2J\tok", format.message(new Message("bob", "all", "\u001b[2J\tok", NOON)));
    }

    @Test
    void joinsAndLeavesAreStarLines() {
        assertEquals("* carol joined", format.joined("carol"));
        assertEquals("* carol left (connection lost)", format.left("carol", LeaveReason.CONNECTION_LOST));
        assertEquals("* carol left (kicked: send queue full)", format.left("carol", LeaveReason.KICKED_SEND_QUEUE_FULL));
    }

    @Test
    void errorsShowTheirCodeEvenWhenWrappedByAFuture() {
        ChatException error = new ChatException(ErrorCode.UNKNOWN_TARGET, "no user 'dave' online");
        assertEquals("! UNKNOWN_TARGET: no user 'dave' online", format.failure(error));
        assertEquals("! UNKNOWN_TARGET: no user 'dave' online", format.failure(new CompletionException(error)));
        assertEquals("! TIMEOUT: no reply from the server in time", format.failure(new TimeoutException()));
        assertEquals("! DISCONNECTED: gone", format.failure(new DisconnectedException("gone")));
    }

    @Test
    void usersAndWelcomeListEveryone() {
        assertEquals("* users (2): alice, bob", format.users(List.of("alice", "bob")));
        WelcomeInfo welcome = new WelcomeInfo("alice", List.of("alice", "bob", "carol"), "chatd", 1,
                new ServerLimits(65_536, 4096, 32, 20, 50, 60));
        assertEquals("* welcome alice, 3 users online: alice, bob, carol", format.welcome(welcome));
    }

    @Test
    void aDisconnectByUsIsABye() {
        assertEquals("* bye", format.disconnected(null));
        assertEquals("* disconnected: DISCONNECTED: the server closed the connection",
                format.disconnected(new DisconnectedException("the server closed the connection")));
    }
}
