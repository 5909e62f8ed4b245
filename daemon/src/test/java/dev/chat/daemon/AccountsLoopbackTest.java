package dev.chat.daemon;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.AccountKind;
import dev.chat.wire.frame.ChangePassword;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.Ok;
import dev.chat.wire.frame.Quit;
import dev.chat.wire.frame.Register;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.Welcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Registered names, passwords, throttling and held guest names, over real sockets. */
@Timeout(30)
class AccountsLoopbackTest extends LoopbackFixture {
    private static final String PASSWORD = "correct horse";

    /** Plaintext logins allowed (every test client is on loopback without TLS) and cheap hashes. */
    DaemonConfig.Builder accountsConfig() {
        return config().accounts(AccountSettings.DEFAULTS.withPlaintextLogin(true).withArgon2(TestLogins.CHEAP));
    }

    @Test
    void aRegisteredNameNeedsItsPasswordAndTheRightOneJoinsAsRegistered() throws IOException {
        start(accountsConfig());
        registerAndQuit("alice", PASSWORD);

        TestClient other = connect();
        assertError(ErrorCode.PASSWORD_REQUIRED, hello(other, "alice", null));
        assertError(ErrorCode.WRONG_PASSWORD, hello(other, "alice", "guess one"));
        Welcome welcome = assertInstanceOf(Welcome.class, hello(other, "alice", PASSWORD));
        assertEquals(AccountKind.REGISTERED, welcome.account());
        assertNotNull(welcome.resumeToken());
    }

    @Test
    void aLookAlikeOfARegisteredNameIsRefusedWithoutItsPassword() throws IOException {
        start(accountsConfig());
        registerAndQuit("alice", PASSWORD);
        TestClient impostor = connect();
        for (String lookAlike : new String[] {"ALICE", "ａｌｉｃｅ", "аlice"}) { // the last with a Cyrillic а
            assertError(ErrorCode.PASSWORD_REQUIRED, hello(impostor, lookAlike, null));
        }
        assertEquals(AccountKind.GUEST, assertInstanceOf(Welcome.class, hello(impostor, "alicia", null)).account());
    }

    @Test
    void threeWrongPasswordsAMinuteThrottleTheAccountEvenForTheRightOne() throws IOException {
        start(accountsConfig());
        registerAndQuit("alice", PASSWORD);
        TestClient guesser = connect();
        for (int i = 0; i < 3; i++) {
            assertError(ErrorCode.WRONG_PASSWORD, hello(guesser, "alice", "guess " + i));
        }
        assertError(ErrorCode.THROTTLED, hello(guesser, "alice", PASSWORD));
        assertError(ErrorCode.THROTTLED, hello(connect(), "alice", PASSWORD));
    }

    @Test
    void aPasswordOverPlaintextIsRefusedUnlessTheDaemonAllowsItOnLoopback() throws IOException {
        start(config().accounts(AccountSettings.DEFAULTS.withArgon2(TestLogins.CHEAP)));
        TestClient alice = join("alice");
        alice.send(new Register(alice.nextId(), PASSWORD));
        assertError(ErrorCode.PLAINTEXT_LOGIN, alice.next());
        assertError(ErrorCode.PLAINTEXT_LOGIN, hello(connect(), "bob", PASSWORD));
    }

    @Test
    void registeringTwiceAShortPasswordAndChangingItAreTypedAnswers() throws IOException {
        start(accountsConfig());
        TestClient alice = join("alice");
        alice.send(new Register(alice.nextId(), "short"));
        assertError(ErrorCode.PASSWORD_INVALID, alice.next());
        alice.send(new ChangePassword(alice.nextId(), PASSWORD, "battery staple"));
        assertError(ErrorCode.NOT_REGISTERED, alice.next());
        alice.send(new Register(alice.nextId(), PASSWORD));
        assertInstanceOf(Ok.class, alice.next());
        alice.send(new Register(alice.nextId(), PASSWORD));
        assertError(ErrorCode.ALREADY_REGISTERED, alice.next());
        alice.send(new ChangePassword(alice.nextId(), "not it at all", "battery staple"));
        assertError(ErrorCode.WRONG_PASSWORD, alice.next());
        alice.send(new ChangePassword(alice.nextId(), PASSWORD, "battery staple"));
        assertInstanceOf(Ok.class, alice.next());
        quit(alice);
        assertError(ErrorCode.WRONG_PASSWORD, hello(connect(), "alice", PASSWORD));
        assertInstanceOf(Welcome.class, hello(connect(), "alice", "battery staple"));
    }

    @Test
    void aVanishedGuestsNameIsHeldForItsTokenAndRefusedToOthersMeanwhile() throws IOException {
        start(accountsConfig());
        TestClient carol = connect();
        Welcome first = assertInstanceOf(Welcome.class, hello(carol, "carol", null));
        carol.reset(); // the wifi drops
        await().atMost(Duration.ofSeconds(5)).until(() -> server.registry().size() == 0);

        TestClient attacker = connect();
        assertError(ErrorCode.NAME_TAKEN, hello(attacker, "carol", null));
        assertError(ErrorCode.NAME_TAKEN, resume(attacker, "carol", "AAAAAAAAAAAAAAAAAAAAAA"));

        Welcome back = assertInstanceOf(Welcome.class, resume(connect(), "carol", first.resumeToken()));
        assertEquals("carol", back.name());
    }

    @Test
    void aHeldNameGoesFreeWhenTheGraceEndsAndAQuitHoldsNothing() throws IOException {
        start(accountsConfig().accounts(AccountSettings.DEFAULTS.withPlaintextLogin(true)
                .withArgon2(TestLogins.CHEAP).withNameGrace(Duration.ofMillis(300))));
        TestClient carol = connect();
        assertInstanceOf(Welcome.class, hello(carol, "carol", null));
        carol.reset();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.registry().size() == 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> !server.registry().held("carol"));
        TestClient next = join("carol");
        quit(next);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.registry().size() == 0);
        assertInstanceOf(Welcome.class, hello(connect(), "carol", null));
    }

    private void registerAndQuit(String name, String password) throws IOException {
        TestClient owner = join(name);
        owner.send(new Register(owner.nextId(), password));
        assertInstanceOf(Ok.class, owner.next());
        quit(owner);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.registry().size() == 0);
    }

    private static void quit(TestClient client) throws IOException {
        client.send(new Quit(client.nextId()));
        client.closedByDaemon();
    }

    private static ServerFrame hello(TestClient client, String name, String password) throws IOException {
        client.send(new Hello(client.nextId(), name, 1, "test", password, null, null));
        return client.next();
    }

    private static ServerFrame resume(TestClient client, String name, String token) throws IOException {
        client.send(new Hello(client.nextId(), name, 1, "test", null, token, null));
        return client.next();
    }

    private static void assertError(ErrorCode code, ServerFrame frame) {
        assertEquals(code, assertInstanceOf(ErrorFrame.class, frame).code(), frame::toString);
    }
}
