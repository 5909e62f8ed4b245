package dev.chat.daemon;

import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.ListUsers;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.UserAway;
import dev.chat.wire.frame.UserJoined;
import dev.chat.wire.frame.UserLeft;
import dev.chat.wire.frame.UserList;
import dev.chat.wire.frame.Away;
import dev.chat.wire.frame.Ok;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An IRC session against a real daemon on loopback, meeting a JSON user in the one room. */
@Timeout(30)
class IrcLoopbackTest extends LoopbackFixture {
    @Test
    void anIrcUserAndAJsonUserMeetInTheRoomAndInPrivate() throws IOException {
        start();
        TestClient bob = join("bob");
        try (IrcClient dani = IrcClient.registered(server.port(), "dani", "server-time message-tags echo-message away-notify")) {
            assertTrue(dani.seen.stream().anyMatch(l -> l.startsWith(":chatd 001 dani ")), dani.seen.toString());
            assertTrue(dani.seen.stream().anyMatch(l -> l.contains(" 005 dani ") && l.contains("UTF8ONLY")));
            assertTrue(dani.seen.contains(":dani!u@chat JOIN #chat"), dani.seen.toString());
            assertTrue(dani.seen.stream().anyMatch(l -> l.contains(" 353 dani = #chat :") && l.contains("bob")));
            assertEquals(new UserJoined("dani"), bob.expect(UserJoined.class));

            bob.send(new Send(2, "all", "שלום 👋🏽"));
            String room = dani.expect("PRIVMSG #chat");
            assertTrue(room.matches("@time=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z;msgid=\\d+ "
                    + ":bob!u@chat PRIVMSG #chat :שלום 👋🏽"), room);

            dani.send("PRIVMSG bob :hi bob 🎉");
            Message toBob = bob.expect(Message.class);
            assertEquals("dani", toBob.from());
            assertEquals("hi bob 🎉", toBob.text());
            assertTrue(dani.expect("PRIVMSG bob").endsWith(":dani!u@chat PRIVMSG bob :hi bob 🎉"), "echo-message");

            dani.send("PRIVMSG #chat :\u0001ACTION waves\u0001");
            Message action = bob.expect(Message.class);
            assertTrue(action.isAction() && action.isBroadcast() && action.text().equals("waves"), action.toString());

            bob.send(new Send(3, "dani", "private, דני"));
            assertTrue(dani.expect("PRIVMSG dani").endsWith(":bob!u@chat PRIVMSG dani :private, דני"));

            dani.send("AWAY :lunch");
            dani.expect(" 306 dani ");
            assertEquals(new UserAway("dani", "lunch"), bob.expect(UserAway.class));
            bob.send(new ListUsers(4));
            assertEquals(Map.of("dani", "lunch"), bob.expect(UserList.class).away());

            bob.send(new Away(5, "out"));
            bob.expect(Ok.class);
            assertEquals(":bob!u@chat AWAY :out", dani.expect("AWAY"));
            dani.send("WHOIS bob");
            assertTrue(dani.expect(" 301 ").endsWith(" 301 dani bob :out"));

            dani.send("QUIT :bye now");
            assertTrue(dani.expect("ERROR").contains("Quit: bye now"));
            assertEquals(new UserLeft("dani", LeaveReason.QUIT), bob.expect(UserLeft.class));
        }
    }

    @Test
    void aLongChatMessageReachesIrcInWholePiecesThatJoinToIt() throws IOException {
        start();
        TestClient bob = join("bob");
        try (IrcClient dani = IrcClient.registered(server.port(), "dani", "")) {
            String text = "שלום 👋🏽 עולם ".repeat(150); // about 3,500 bytes of 2- and 4-byte characters
            bob.send(new Send(2, "all", text.strip()));
            bob.expect(Sent.class);
            StringBuilder joined = new StringBuilder();
            List<String> lines = new ArrayList<>();
            while (joined.length() < text.strip().length()) {
                String line = dani.expect("PRIVMSG #chat :");
                lines.add(line);
                assertTrue(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 510, line);
                joined.append(line.substring(line.indexOf(" :") + 2));
            }
            assertEquals(text.strip(), joined.toString());
            assertTrue(lines.size() >= 7, "split into " + lines.size());
        }
    }

    @Test
    void aChatNameThatIsNoNickIsShownEscapedAndCanBeWrittenTo() throws IOException {
        start();
        TestClient dani = join("דני.ב");
        try (IrcClient irc = IrcClient.registered(server.port(), "ann", "")) {
            String names = irc.seen.stream().filter(l -> l.contains(" 353 ")).findFirst().orElseThrow();
            assertTrue(names.contains("`5d3``5e0``5d9``2e``5d1`"), names);
            irc.send("PRIVMSG `5d3``5e0``5d9``2e``5d1` :hello");
            Message m = dani.expect(Message.class);
            assertEquals("ann", m.from());
            assertEquals("דני.ב", m.to());
        }
    }

    @Test
    void aTakenNickIsRefusedWith433AndAnotherNickRegisters() throws IOException {
        start();
        join("bob");
        try (IrcClient irc = new IrcClient(server.port())) {
            irc.send("NICK bob");
            irc.send("USER x 0 * :x");
            assertEquals(":chatd 433 * bob :Nickname is already in use", irc.expect(" 433 "));
            irc.send("NICK bob2");
            assertTrue(irc.expect(" 001 ").startsWith(":chatd 001 bob2 "));
        }
    }

    @Test
    void commandsBeforeRegistrationAreRefusedAndUnknownOnesAfterIt() throws IOException {
        start();
        try (IrcClient irc = new IrcClient(server.port())) {
            irc.send("USER x 0 * :x");
            irc.send("PRIVMSG #chat :hi");
            assertEquals(":chatd 451 * :You have not registered", irc.expect(" 451 "));
            irc.send("NICK carol");
            irc.expect(" 366 ");
            irc.send("FROB");
            assertEquals(":chatd 421 carol FROB :Unknown command", irc.expect(" 421 "));
            irc.send("PING :abc");
            assertEquals(":chatd PONG chatd :abc", irc.expect("PONG"));
            irc.send("PRIVMSG nobody :hi");
            assertEquals(":chatd 401 carol nobody :No such nick/channel", irc.expect(" 401 "));
        }
    }

    @Test
    void theFloodLimitChargesEveryIrcLine() throws IOException {
        start(config().rateLimit(1, 5));
        try (IrcClient irc = IrcClient.registered(server.port(), "flood", "")) {
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                burst.append("PING :t").append(i).append("\r\n");
            }
            irc.sendRaw(burst.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertTrue(irc.expect("NOTICE").contains("RATE_LIMITED"), irc.seen.toString());
        }
    }

    @Test
    void withIrcOffAnIrcFirstLineIsTextMode() throws IOException {
        start(config().irc(dev.chat.daemon.irc.IrcSettings.DEFAULTS.withEnabled(false)));
        try (IrcClient irc = new IrcClient(server.port())) {
            irc.send("NICK dani");
            assertTrue(irc.expect("!").startsWith("! NAME_INVALID"), irc.seen.toString());
        }
    }
}
