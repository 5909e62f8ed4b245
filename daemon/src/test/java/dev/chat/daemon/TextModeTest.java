package dev.chat.daemon;

import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.UserJoined;
import dev.chat.wire.frame.UserLeft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class TextModeTest extends LoopbackFixture {
    @Test
    void aPersonAtNcCanJoinChatWithAJsonUserListUsersAndQuit() throws IOException {
        start(config().zone(ZoneOffset.UTC));
        TestClient bob = join("bob");
        TestClient alice = connect();
        alice.sendRaw("BOB\r\n");
        assertEquals("! NAME_TAKEN: the name 'BOB' is taken", alice.nextLine());
        alice.sendRaw("alice\n");
        assertEquals("* welcome alice, 2 users online: alice, bob", alice.nextLine(), "sorted by collision key");
        assertEquals(new UserJoined("alice"), bob.expect(UserJoined.class));

        alice.sendRaw("bob: hi from nc\n");
        Message message = bob.expect(Message.class);
        assertEquals(new Message("alice", "bob", "hi from nc", message.ts(), message.id(), null), message);

        bob.send(new Send(2, "alice", "hi back"));
        Sent sent = bob.expect(Sent.class);
        String time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(sent.ts()));
        assertEquals("[" + time + "] bob -> you: hi back", alice.nextLine());

        alice.sendRaw("no colon here\n");
        assertEquals("! BAD_FRAME: write 'name: message', 'all: message', /users, /history [N] or /quit", alice.nextLine());
        alice.sendRaw("dave: hi\n");
        assertEquals("! UNKNOWN_TARGET: no user 'dave' online", alice.nextLine());
        alice.sendRaw("/users\n");
        assertEquals("* users (2): alice, bob", alice.nextLine());
        alice.sendRaw("/quit\n");
        assertEquals("* bye", alice.nextLine());
        assertTrue(alice.closedByDaemon());
        assertEquals(new UserLeft("alice", LeaveReason.QUIT), bob.expect(UserLeft.class));
    }

    @Test
    void aTextSessionIsToldOfAShutdownInTheSpecsWords() throws IOException {
        start();
        TestClient carol = connect();
        carol.sendRaw("carol\n");
        assertEquals("* welcome carol, 1 user online: carol", carol.nextLine());
        server.close();
        assertEquals("* server shutting down", carol.nextLine());
        assertTrue(carol.closedByDaemon());
    }

    @Test
    void aByteOrderMarkBeforeTheNameIsDropped() throws IOException {
        start();
        TestClient carol = connect();
        carol.sendRaw("\uFEFFcarol\n");
        assertEquals("* welcome carol, 1 user online: carol", carol.nextLine());
    }

    @Test
    void textSessionsSeeBroadcastsAndEvents() throws IOException {
        start();
        TestClient carol = connect();
        carol.sendRaw("carol\n");
        assertEquals("* welcome carol, 1 user online: carol", carol.nextLine());
        TestClient bob = join("bob");
        assertEquals("* bob joined", carol.nextLine());
        bob.send(new Send(1, "all", "hello everyone"));
        assertTrue(carol.nextLine().endsWith("] bob -> all: hello everyone"));
        bob.reset();
        assertEquals("* bob left (connection lost)", carol.nextLine());
    }
}
