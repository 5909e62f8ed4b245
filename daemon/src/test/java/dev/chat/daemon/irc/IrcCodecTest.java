package dev.chat.daemon.irc;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.Away;
import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.ListUsers;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Ping;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.ServerLimits;
import dev.chat.wire.frame.UserJoined;
import dev.chat.wire.frame.UserList;
import dev.chat.wire.frame.Welcome;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The IRC session without a socket: lines in, chat requests out; replies in, IRC lines out. A
 * synthetic ping's pong carries the lines the codec answered itself, as the core would return it.
 */
final class IrcCodecTest {
    private static final ServerLimits LIMITS = new ServerLimits(65536, 4096, 32, 20.0, 50, 60);
    private final Authenticator auth = mock(Authenticator.class);
    private final IrcCodec codec = new IrcCodec(IrcSettings.DEFAULTS, auth);
    private boolean joined;

    @Test
    void nickThenUserSendsTheHello() {
        assertEquals(List.of(), answer("NICK alice"));
        Hello hello = assertInstanceOf(Hello.class, decode("USER a 0 * :Alice"));
        assertEquals("alice", hello.name());
        assertEquals(IrcCodec.CLIENT, hello.client());
        assertNull(hello.password());
    }

    @Test
    void userThenNickSendsTheHelloToo() {
        assertEquals(List.of(), answer("USER a 0 * :Alice"));
        assertEquals("alice", assertInstanceOf(Hello.class, decode("NICK alice")).name());
    }

    @Test
    void capNegotiationHoldsRegistrationUntilCapEnd() {
        when(auth.acceptsPasswords()).thenReturn(false);
        assertEquals(List.of(":chatd CAP * LS :away-notify batch draft/chathistory echo-message message-tags multi-prefix"
                + " server-time userhost-in-names"), answer("CAP LS 302"));
        assertEquals(List.of(), answer("NICK alice"));
        assertEquals(List.of(), answer("USER a 0 * :A"));
        assertEquals(List.of(":chatd CAP alice ACK :server-time echo-message"), answer("CAP REQ :server-time echo-message"));
        assertInstanceOf(Hello.class, decode("CAP END"));
    }

    @Test
    void capReqIsAllOrNothing() {
        answer("CAP LS 302");
        assertEquals(List.of(":chatd CAP * NAK :server-time labeled-response"), answer("CAP REQ :server-time labeled-response"));
        assertEquals(List.of(":chatd CAP * LIST :"), answer("CAP LIST"));
    }

    @Test
    void saslIsOfferedOnlyWhereAPasswordMayTravel() {
        when(auth.acceptsPasswords()).thenReturn(true);
        assertTrue(answer("CAP LS 302").getFirst().contains("sasl=PLAIN"));
        when(auth.acceptsPasswords()).thenReturn(false);
        assertEquals(List.of(":chatd CAP * NAK :sasl"), answer("CAP REQ sasl"));
    }

    @Test
    void saslPlainLogsInAndTheHelloCarriesTheAccountAndPassword() {
        when(auth.acceptsPasswords()).thenReturn(true);
        when(auth.verify("Alice", "s3cret pw")).thenReturn("Alice");
        answer("CAP LS 302");
        answer("CAP REQ sasl");
        answer("NICK guest");
        answer("USER a 0 * :A");
        assertEquals(List.of("AUTHENTICATE +"), answer("AUTHENTICATE PLAIN"));
        String plain = Base64.getEncoder().encodeToString("\u0000Alice\u0000s3cret pw".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(":chatd 900 guest Alice!u@chat Alice :You are now logged in as Alice",
                ":chatd 903 guest :SASL authentication successful"), answer("AUTHENTICATE " + plain));
        Hello hello = assertInstanceOf(Hello.class, decode("CAP END"));
        assertEquals("Alice", hello.name());
        assertEquals("s3cret pw", hello.password());
    }

    @Test
    void aWrongSaslPasswordIs904AndRegistrationGoesOnAsAGuest() {
        when(auth.acceptsPasswords()).thenReturn(true);
        when(auth.verify("alice", "nope")).thenThrow(new ProtocolException(ErrorCode.WRONG_PASSWORD, "wrong password"));
        answer("CAP LS 302");
        answer("CAP REQ sasl");
        answer("AUTHENTICATE PLAIN");
        String plain = Base64.getEncoder().encodeToString("alice\u0000alice\u0000nope".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(":chatd 904 * :SASL authentication failed: wrong password"), answer("AUTHENTICATE " + plain));
        answer("NICK bob");
        answer("USER b 0 * :B");
        assertNull(assertInstanceOf(Hello.class, decode("CAP END")).password());
    }

    @Test
    void anUnknownSaslMechanismIsRefusedWithTheList() {
        when(auth.acceptsPasswords()).thenReturn(true);
        answer("CAP REQ sasl");
        assertEquals(List.of(":chatd 908 * PLAIN :are available SASL mechanisms", ":chatd 904 * :SASL authentication failed"),
                answer("AUTHENTICATE SCRAM-SHA-256"));
        verify(auth, never()).verify(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any());
    }

    @Test
    void aNickThatIsNoCanonicalEscapeIs432() {
        assertEquals(List.of(":chatd 432 * a`zz` :Erroneous nickname"), answer("NICK a`zz`"));
        assertEquals(List.of(":chatd 432 * `61` :Erroneous nickname"), answer("NICK `61`"));
    }

    @Test
    void anEscapedNickRegistersItsChatName() {
        answer("USER d 0 * :D");
        assertEquals("דני", assertInstanceOf(Hello.class, decode("NICK `5d3``5e0``5d9`")).name());
    }

    @Test
    void aTakenNickIs433AndAnotherNickTriesAgain() {
        answer("NICK bob");
        Hello hello = assertInstanceOf(Hello.class, decode("USER b 0 * :B"));
        assertEquals(List.of(":chatd 433 * bob :Nickname is already in use"),
                render(new ErrorFrame(hello.id(), ErrorCode.NAME_TAKEN, "taken")));
        assertEquals("bob2", assertInstanceOf(Hello.class, decode("NICK bob2")).name());
    }

    @Test
    void theWelcomeIsTheRegistrationBurstAndTheJoin() {
        register("alice"); // register() checks 001, 005, the JOIN, 353 and 366, in order
        assertEquals("alice", codec.nick);
    }

    @Test
    void privmsgToTheChannelIsABroadcastAndToANickAPrivateMessage() {
        register("alice");
        Send all = assertInstanceOf(Send.class, decode("PRIVMSG #chat :hi all"));
        assertEquals("all", all.to());
        Send bob = assertInstanceOf(Send.class, decode("PRIVMSG bob :hi bob"));
        assertEquals("bob", bob.to());
        Send action = assertInstanceOf(Send.class, decode("PRIVMSG #CHAT :\u0001ACTION waves\u0001"));
        assertTrue(action.isAction());
        assertEquals("waves", action.text());
    }

    @Test
    void echoMessageRepeatsTheClientsOwnMessageWithItsIdAndTime() {
        answer("CAP REQ :echo-message server-time message-tags");
        answer("CAP END");
        register("alice");
        Send send = assertInstanceOf(Send.class, decode("@+draft/reply=1 PRIVMSG bob :hi"));
        assertEquals(List.of("@+draft/reply=1;time=2023-11-14T22:13:20.123Z;msgid=9 :alice!u@chat PRIVMSG bob :hi"),
                render(new Sent(send.id(), "bob", 1, 1_700_000_000_123L, 9L, null)));
    }

    @Test
    void withoutEchoMessageTheReceiptShowsNothing() {
        register("alice");
        Send send = assertInstanceOf(Send.class, decode("PRIVMSG bob :hi"));
        assertEquals(List.of(), render(new Sent(send.id(), "bob", 1, 1L, 9L, null)));
    }

    @Test
    void anUnknownTargetIs401ForPrivmsgAndSilentForNotice() {
        register("alice");
        Send privmsg = assertInstanceOf(Send.class, decode("PRIVMSG dave :hi"));
        assertEquals(List.of(":chatd 401 alice dave :No such nick/channel"),
                render(new ErrorFrame(privmsg.id(), ErrorCode.UNKNOWN_TARGET, "no user")));
        Send notice = assertInstanceOf(Send.class, decode("NOTICE dave :hi"));
        assertEquals(List.of(), render(new ErrorFrame(notice.id(), ErrorCode.UNKNOWN_TARGET, "no user")));
    }

    @Test
    void whoisShowsTheAwayReasonFromTheUserList() {
        register("alice");
        ListUsers list = assertInstanceOf(ListUsers.class, decode("WHOIS bob"));
        List<String> lines = render(new UserList(list.id(), List.of("alice", "bob"), false, Map.of("bob", "out")));
        assertEquals(List.of(":chatd 311 alice bob u chat * :bob", ":chatd 319 alice bob :#chat",
                ":chatd 312 alice bob chatd :chatd", ":chatd 301 alice bob :out", ":chatd 318 alice bob :End of /WHOIS list"), lines);
    }

    @Test
    void awayMapsOntoTheAwayRequestAnd306() {
        register("alice");
        Away away = assertInstanceOf(Away.class, decode("AWAY :lunch"));
        assertEquals("lunch", away.reason());
        assertEquals(List.of(":chatd 306 alice :You have been marked as being away"), render(new dev.chat.wire.frame.Ok(away.id())));
        Away back = assertInstanceOf(Away.class, decode("AWAY"));
        assertTrue(back.isBack());
        assertEquals(List.of(":chatd 305 alice :You are no longer marked as being away"), render(new dev.chat.wire.frame.Ok(back.id())));
    }

    @Test
    void roomCodecsAreEqualForEqualCapabilitiesSoTheyShareBytes() {
        IrcCodec other = new IrcCodec(IrcSettings.DEFAULTS, auth);
        assertEquals(codec.roomCodec(), other.roomCodec());
        answer("CAP REQ server-time");
        assertNotEquals(codec.roomCodec(), other.roomCodec());
        assertEquals(":bob!u@chat JOIN #chat\r\n",
                new String(other.roomCodec().encode(new UserJoined("bob")), StandardCharsets.UTF_8));
    }

    @Test
    void theRoomsHistoryInTheWelcomeIsLeftToChathistory() {
        register("alice");
        assertEquals(List.of(), render(new Message("bob", "all", "old", 1L, 1L, true)));
        assertEquals(List.of(":bob!u@chat PRIVMSG alice :offline"), render(new Message("bob", "alice", "offline", 1L, 2L, true)));
    }

    @Test
    void aLineThatIsNotUtf8IsRefusedWithFailInvalidUtf8() {
        register("alice");
        byte[] bytes = {'P', 'R', 'I', 'V', 'M', 'S', 'G', ' ', 'b', ' ', ':', (byte) 0xAA};
        ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decode(ByteBuffer.wrap(bytes), true));
        assertEquals(ErrorCode.BAD_FRAME, e.code());
        assertEquals(List.of(":chatd FAIL PRIVMSG INVALID_UTF8 :Message rejected: not UTF-8"), render(ErrorFrame.of(e)));
    }

    @Test
    void aTooLongLineIs417AndNotGarbage() {
        register("alice");
        ProtocolException e = assertThrows(ProtocolException.class, () -> decode("PRIVMSG #chat :" + "a".repeat(600)));
        assertEquals(ErrorCode.MESSAGE_TOO_LONG, e.code());
        assertEquals(List.of(":chatd 417 alice :Input line was too long"), render(ErrorFrame.of(e)));
    }

    @Test
    void aPongOfOurHeartbeatIsAPong() {
        register("alice");
        assertEquals(new Pong(7), decode("PONG chatd :7"));
        assertEquals(List.of("PING 7"), render(new Ping(7)));
    }

    /** Registers {@code nick} and checks the registration burst. */
    private void register(String nick) {
        answer("NICK " + nick);
        Hello hello = assertInstanceOf(Hello.class, decode("USER u 0 * :U"));
        List<String> burst = render(new Welcome(hello.id(), nick, List.of(nick, "bob"), false, "chatd 0.1.0", 1, LIMITS));
        assertTrue(burst.getFirst().startsWith(":chatd 001 " + nick + " :Welcome"), burst.toString());
        assertTrue(burst.stream().anyMatch(l -> l.startsWith(":chatd 005 " + nick + " ") && l.contains("CHANTYPES=#")));
        assertTrue(burst.contains(":" + nick + "!u@chat JOIN #chat"), burst.toString());
        assertTrue(burst.contains(":chatd 353 " + nick + " = #chat :" + nick + " bob"), burst.toString());
        assertEquals(":chatd 366 " + nick + " #chat :End of /NAMES list", burst.getLast());
        joined = true;
    }

    private ClientFrame decode(String line) {
        return codec.decode(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), joined);
    }

    /** The lines a locally answered command gets (its synthetic ping's pong). */
    private List<String> answer(String line) {
        ClientFrame frame = decode(line);
        Ping ping = assertInstanceOf(Ping.class, frame, line);
        return render(new Pong(ping.id()));
    }

    private List<String> render(ServerFrame frame) {
        byte[] bytes = codec.encode(frame);
        List<String> lines = new ArrayList<>();
        if (bytes != null) {
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r\n")) {
                lines.add(line);
            }
        }
        return lines;
    }
}
