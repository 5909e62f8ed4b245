package dev.chat.daemon;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.AccountKind;
import dev.chat.wire.frame.Away;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Ok;
import dev.chat.wire.frame.Register;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.UserAway;
import dev.chat.wire.frame.UserJoined;
import dev.chat.wire.frame.UserLeft;
import dev.chat.wire.frame.Welcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A login with the account's password takes the name from a live session (PROTOCOL.md 18.8), over
 * real sockets: the old session gets SESSION_REPLACED and is closed, the room sees it leave as
 * "replaced"; a guest or a wrong password never does, and the takeover is throttled like any login.
 */
@Timeout(30)
class TakeoverLoopbackTest extends LoopbackFixture {
    private static final String PASSWORD = "correct horse";

    private DaemonConfig.Builder accountsConfig() {
        return config().accounts(AccountSettings.DEFAULTS.withPlaintextLogin(true).withArgon2(TestLogins.CHEAP));
    }

    @Test
    void theRightPasswordReplacesTheLiveSessionAndTheOldOneIsToldAndClosed() throws IOException {
        start(accountsConfig());
        TestClient stale = registered("alice");
        TestClient bob = join("bob");
        stale.expect(UserJoined.class);
        stale.send(new Away(stale.nextId(), "on the other machine"));
        assertInstanceOf(Ok.class, stale.next());
        assertEquals("on the other machine", bob.expect(UserAway.class).reason());

        TestClient laptop = connect();
        Welcome welcome = assertInstanceOf(Welcome.class, hello(laptop, "alice", PASSWORD));
        assertEquals(AccountKind.REGISTERED, welcome.account());
        assertEquals(List.of("alice", "bob"), welcome.users());
        assertTrue(welcome.away() == null || welcome.away().isEmpty(),
                "the new session does not inherit the old one's away state: " + welcome.away());

        UserLeft left = bob.expect(UserLeft.class);
        assertEquals("alice", left.name());
        assertEquals(LeaveReason.REPLACED, left.reason());
        assertEquals("alice", bob.expect(UserJoined.class).name());

        ErrorFrame last = stale.expect(ErrorFrame.class);
        assertEquals(ErrorCode.SESSION_REPLACED, last.code());
        assertNull(last.re());
        assertTrue(stale.closedByDaemon(), "the replaced connection is closed");

        // The new session is alice now: it sends and receives as her.
        laptop.send(new Send(laptop.nextId(), "bob", "it is me, on the laptop"));
        assertEquals(1, laptop.expect(Sent.class).recipients());
        assertEquals("it is me, on the laptop", bob.expect(Message.class).text());
        assertEquals(2, server.registry().size());
    }

    @Test
    void aGuestAWrongPasswordOrAnUnregisteredNameNeverTakesALiveNameAndTheTakeoverIsThrottled()
            throws IOException {
        start(accountsConfig());
        TestClient alice = registered("alice");
        TestClient carol = join("carol"); // a guest: her name is not registered

        TestClient other = connect();
        assertError(ErrorCode.PASSWORD_REQUIRED, hello(other, "alice", null));
        assertError(ErrorCode.NAME_TAKEN, hello(other, "carol", PASSWORD));
        for (int i = 0; i < 3; i++) {
            assertError(ErrorCode.WRONG_PASSWORD, hello(other, "alice", "guess " + i));
        }
        // Three attempts a minute: the fourth waits even with the right password, and alice stays.
        assertError(ErrorCode.THROTTLED, hello(other, "alice", PASSWORD));

        alice.send(new Send(alice.nextId(), "carol", "still here"));
        assertEquals(1, alice.expect(Sent.class).recipients());
        assertEquals("still here", carol.expect(Message.class).text());
        assertEquals(2, server.registry().size());
    }

    /** Joins {@code name}, registers it with {@link #PASSWORD} and stays joined. */
    private TestClient registered(String name) throws IOException {
        TestClient owner = join(name);
        owner.send(new Register(owner.nextId(), PASSWORD));
        assertInstanceOf(Ok.class, owner.next());
        return owner;
    }

    private static ServerFrame hello(TestClient client, String name, String password) throws IOException {
        client.send(new Hello(client.nextId(), name, 1, "test", password, null, null));
        return client.next();
    }

    private static void assertError(ErrorCode code, ServerFrame frame) {
        assertEquals(code, assertInstanceOf(ErrorFrame.class, frame).code(), frame::toString);
    }
}
