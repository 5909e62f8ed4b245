package dev.chat.wire.text;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.Bye;
import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.FileList;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.ListUsers;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Ping;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.Quit;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.ServerLimits;
import dev.chat.wire.frame.ClusterState;
import dev.chat.wire.frame.ClusterStatus;
import dev.chat.wire.frame.Shutdown;
import dev.chat.wire.frame.TransferStats;
import dev.chat.wire.frame.UserJoined;
import dev.chat.wire.frame.UserLeft;
import dev.chat.wire.frame.UserList;
import dev.chat.wire.frame.Welcome;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextCodecTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ServerLimits LIMITS = new ServerLimits(65536, 4096, 32, 20, 50, 60);
    /** 2024-06-01 12:00:01 in Berlin (UTC+2 in summer). */
    private static final long NOON = LocalDateTime.of(2024, 6, 1, 10, 0, 1).toInstant(ZoneOffset.UTC).toEpochMilli();

    private final TextCodec codec = new TextCodec(BERLIN);

    private ClientFrame decode(String line, boolean joined) {
        return codec.decode(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), joined);
    }

    private String encode(ServerFrame frame) {
        byte[] bytes = codec.encode(frame);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private ProtocolException decodeFails(String line, boolean joined) {
        return assertThrows(ProtocolException.class, () -> decode(line, joined));
    }

    @Test
    void theFirstLineIsANameAttemptWithSyntheticIds() {
        assertEquals(new Hello(1, "alice", 1, "text"), decode("alice", false));
        assertEquals(new Hello(2, "bob", 1, "text"), decode("  bob \t", false));
    }

    @Test
    void everyLineBeforeJoiningIsAnotherNameAttempt() {
        assertEquals(new Hello(1, "alice: hi", 1, "text"), decode("alice: hi", false));
        assertEquals(new Hello(2, "", 1, "text"), decode("", false));
        assertEquals(new Hello(3, "/users", 1, "text"), decode("/users", false));
    }

    @Test
    void quitWorksBeforeAndAfterJoining() {
        assertEquals(new Quit(1), decode("/quit", false));
        assertEquals(new Quit(2), decode(" /quit ", true));
    }

    @Test
    void targetColonMessageIsASend() {
        assertEquals(new Send(1, "bob", "hi there"), decode("bob: hi there", true));
        assertEquals(new Send(2, "all", "hi"), decode("all:hi", true));
        assertEquals(new Send(3, "bob", "look at 12:00"), decode("bob: look at 12:00", true));
        assertEquals(new Send(4, "Ａｌｉｃｅ", "tab\tinside"), decode("Ａｌｉｃｅ :  tab\tinside  ", true));
    }

    @Test
    void slashUsersListsUsers() {
        assertEquals(new ListUsers(1), decode("/users", true));
    }

    @Test
    void aBlankLineAfterJoiningIsASilentKeepAlive() {
        assertEquals(new Ping(1), decode("   ", true));
        assertNull(encode(new Pong(1)));
    }

    @Test
    void aByteOrderMarkIsDroppedFromTheFirstLineOnly() {
        assertEquals(new Hello(1, "alice", 1, "text"), decode("\uFEFFalice", false));
        assertEquals(new Hello(2, "\uFEFFbob", 1, "text"), decode("\uFEFFbob", false),
                "a later line keeps it, and the name check then refuses it");
    }

    @Test
    void aLineWithoutAColonExplainsTheFormat() {
        ProtocolException e = decodeFails("hello everybody", true);
        assertEquals(ErrorCode.BAD_FRAME, e.code());
        assertEquals("write 'name: message', 'all: message', /users, /history [N] or /quit", e.getMessage());
        assertEquals(1, e.re().getAsLong());
    }

    @Test
    void aLineStartingWithAColonOrAnUnknownCommandExplainsTheFormat() {
        assertEquals(ErrorCode.BAD_FRAME, decodeFails(": hi", true).code());
        assertEquals(ErrorCode.BAD_FRAME, decodeFails("/nick bob: x", true).code());
    }

    @Test
    void anEmptyMessageIsEmptyMessageWithTheSyntheticId() {
        ProtocolException e = decodeFails("bob:   ", true);
        assertEquals(ErrorCode.EMPTY_MESSAGE, e.code());
        assertEquals(1, e.re().getAsLong());
    }

    @Test
    void anOverLongMessageIsMessageTooLong() {
        assertEquals(new Send(1, "bob", "x".repeat(4096)), decode("bob: " + "x".repeat(4096), true));
        assertEquals(ErrorCode.MESSAGE_TOO_LONG, decodeFails("bob: " + "x".repeat(4097), true).code());
    }

    @Test
    void controlCharactersInAMessageAreMessageInvalid() {
        assertEquals(ErrorCode.MESSAGE_INVALID, decodeFails("bob: \u001b[2J", true).code());
    }

    @Test
    void invalidUtf8IsABadFrame() {
        byte[] bytes = {'b', 'o', 'b', ':', ' ', (byte) 0xC3, (byte) 0x28};
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> codec.decode(ByteBuffer.wrap(bytes), true));
        assertEquals(ErrorCode.BAD_FRAME, e.code());
        assertEquals("the line is not valid UTF-8", e.getMessage());
        assertEquals(ErrorCode.BAD_FRAME, assertThrows(ProtocolException.class,
                () -> codec.decode(ByteBuffer.wrap(new byte[] {(byte) 0xFF}), false)).code());
    }

    @Test
    void decodingDoesNotMoveTheCallersBuffer() {
        ByteBuffer line = ByteBuffer.wrap("bob: hi".getBytes(StandardCharsets.UTF_8));
        codec.decode(line, true);
        assertEquals(0, line.position());
    }

    @Test
    void welcomeListsTheUsers() {
        assertEquals("* welcome alice, 3 users online: alice, bob, carol\n",
                encode(new Welcome(1, "alice", List.of("alice", "bob", "carol"), false, "chatd", 1, LIMITS)));
        assertEquals("* welcome alice, 1 user online: alice\n",
                encode(new Welcome(1, "alice", List.of("alice"), false, "chatd", 1, LIMITS)));
        assertEquals("* welcome alice, 2+ users online: alice, bob\n",
                encode(new Welcome(1, "alice", List.of("alice", "bob"), true, "chatd", 1, LIMITS)));
    }

    @Test
    void userListPagesSayWhenMoreFollow() {
        assertEquals("* users (2): alice, bob\n", encode(new UserList(1, List.of("alice", "bob"), false)));
        assertEquals("* users (1, more follow): alice\n", encode(new UserList(1, List.of("alice"), true)));
    }

    @Test
    void messagesShowTheTimeInTheGivenZone() {
        assertEquals("[12:00:01] bob -> you: hi\n", encode(new Message("bob", "alice", "hi", NOON)));
        assertEquals("[12:00:01] bob -> all: hi\n", encode(new Message("bob", "all", "hi", NOON)));
        assertEquals("[10:00:01] bob -> all: hi\n",
                new String(new TextCodec(ZoneOffset.UTC).encode(new Message("bob", "all", "hi", NOON)),
                        StandardCharsets.UTF_8));
    }

    @Test
    void awayChangesAndActionsRenderForPeopleAtNc() {
        assertEquals("* bob is away: lunch\n", encode(new dev.chat.wire.frame.UserAway("bob", "lunch")));
        assertEquals("* bob is back\n", encode(new dev.chat.wire.frame.UserAway("bob", null)));
        assertEquals("[12:00:01] bob -> all: * bob waves\n", encode(new Message("bob", "all", "waves", NOON, 5L, null, true)));
    }

    @Test
    void eventsRenderAsStarLines() {
        assertEquals("* carol joined\n", encode(new UserJoined("carol")));
        assertEquals("* carol left (connection lost)\n", encode(new UserLeft("carol", LeaveReason.CONNECTION_LOST)));
        assertEquals("* carol left (kicked: send queue full)\n",
                encode(new UserLeft("carol", LeaveReason.KICKED_SEND_QUEUE_FULL)));
        assertEquals("* bye\n", encode(new Bye(3)));
        assertEquals("* server shutting down\n", encode(new Shutdown("server shutting down")), "the message is the line");
        assertEquals("* the cluster is unreachable\n",
                encode(new ClusterStatus(ClusterState.DEGRADED, "the cluster is unreachable")), "the message is the line");
    }

    @Test
    void errorsRenderWithTheirCode() {
        assertEquals("! UNKNOWN_TARGET: no user 'dave' online\n",
                encode(new ErrorFrame(4L, ErrorCode.UNKNOWN_TARGET, "no user 'dave' online")));
        assertEquals("! SERVER_FULL: the server is full\n",
                encode(new ErrorFrame(null, ErrorCode.SERVER_FULL, "the server is full")));
    }

    @Test
    void fileListsShowNamesAndSizes() {
        assertEquals("* files (2): a.txt (3 bytes), b/c.bin (0 bytes)\n", encode(new FileList(1,
                List.of(new FileEntry("a.txt", 3, "ab"), new FileEntry("b/c.bin", 0, null)), false)));
        assertEquals("* files (0): \n", encode(new FileList(1, List.of(), false)));
    }

    @Test
    void sentPingAndPongShowNothing() {
        assertNull(codec.encode(new Sent(1, "bob", 1, NOON)));
        assertNull(codec.encode(new Ping(1)));
        assertNull(codec.encode(new Pong(1)));
    }

    @Test
    void transferStatsShowNothing() {
        assertNull(codec.encode(new TransferStats(77, 850, 122_880, 61_440, 3, 4)));
    }

    @Test
    void controlCharactersInOutputAreReplaced() {
        assertEquals("! UNKNOWN_TARGET: no user '\uFFFD[2J' online\n",
                encode(new ErrorFrame(4L, ErrorCode.UNKNOWN_TARGET, "no user '\u001b[2J' online")));
    }

    @Test
    void outputIsUtf8() {
        assertArrayEquals("* Ａｌｉｃｅ joined\n".getBytes(StandardCharsets.UTF_8),
                codec.encode(new UserJoined("Ａｌｉｃｅ")));
    }

    @Test
    void textSessionsCannotAnswerPings() {
        assertEquals(false, codec.answersPings());
    }
}
