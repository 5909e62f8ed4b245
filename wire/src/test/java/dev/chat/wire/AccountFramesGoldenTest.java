package dev.chat.wire;

import dev.chat.wire.frame.AccountKind;
import dev.chat.wire.frame.ChangePassword;
import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.Frame;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.HistoryPage;
import dev.chat.wire.frame.HistoryRequest;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Ok;
import dev.chat.wire.frame.Register;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.ServerLimits;
import dev.chat.wire.frame.Welcome;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.chat.wire.Lines.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The account and history additions to version 1: every new field optional, every new frame golden. */
final class AccountFramesGoldenTest {
    private static final JsonCodec CODEC = JsonCodec.instance();
    private static final long TS = 1_700_000_000_123L;
    private static final ServerLimits LIMITS = new ServerLimits(65536, 4096, 32, 20.0, 50, 60);

    @Test
    void helloWithPasswordResumeAndLastSeenIsGolden() {
        assertClientGolden(new Hello(1, "alice", 1, "chat 0.1.0", "s3cret pw", "tok", 42L),
                "{\"type\":\"hello\",\"id\":1,\"name\":\"alice\",\"version\":1,\"client\":\"chat 0.1.0\","
                        + "\"password\":\"s3cret pw\",\"resume\":\"tok\",\"last_seen\":42}");
    }

    @Test
    void aVersionOneHelloStillDecodesWithoutTheNewFields() {
        Hello hello = (Hello) CODEC.decodeClient(utf8(
                "{\"type\":\"hello\",\"id\":1,\"name\":\"alice\",\"version\":1,\"client\":\"x\"}"));
        assertNull(hello.password());
        assertNull(hello.resume());
        assertNull(hello.lastSeen());
    }

    @Test
    void aHelloNeverPrintsItsPassword() {
        String shown = new Hello(1, "alice", 1, "x", "hunter2", "tok", null).toString();
        assertFalse(shown.contains("hunter2"), shown);
        assertFalse(shown.contains("tok"), shown);
        assertFalse(new Register(2, "hunter22").toString().contains("hunter22"));
        assertFalse(new ChangePassword(3, "hunter22", "hunter33").toString().contains("hunter"));
    }

    @Test
    void anEmptyOrOverlongPasswordIsABadFrameAnsweringItsId() {
        ProtocolException empty = assertThrows(ProtocolException.class, () -> CODEC.decodeClient(utf8(
                "{\"type\":\"register\",\"id\":4,\"password\":\"\"}")));
        Lines.assertError(empty, ErrorCode.BAD_FRAME, "field 'password' has 1 to 1024 characters", 4L);
        String longest = "p".repeat(Limits.MAX_PASSWORD_CHARS);
        assertEquals(longest, new Register(4, longest).password());
        assertThrows(ProtocolException.class, () -> new Register(4, longest + "p"));
    }

    @Test
    void aResumeTokenLongerThanSixtyFourCharactersIsABadFrame() {
        assertEquals(64, new Hello(1, "a", 1, "x", null, "t".repeat(64), null).resume().length());
        assertThrows(ProtocolException.class, () -> new Hello(1, "a", 1, "x", null, "t".repeat(65), null));
    }

    @Test
    void registerPasswordAndOkAreGolden() {
        assertClientGolden(new Register(5, "correct horse"),
                "{\"type\":\"register\",\"id\":5,\"password\":\"correct horse\"}");
        assertClientGolden(new ChangePassword(6, "correct horse", "battery staple"),
                "{\"type\":\"password\",\"id\":6,\"old\":\"correct horse\",\"password\":\"battery staple\"}");
        assertServerGolden(new Ok(5), "{\"type\":\"ok\",\"re\":5}");
    }

    @Test
    void welcomeWithAccountTokenAndHistoryIsGolden() {
        assertServerGolden(new Welcome(1, "alice", List.of("alice"), false, "chatd 0.1.0", 1, LIMITS,
                        AccountKind.REGISTERED, "AAAAAAAAAAAAAAAAAAAAAA", 3),
                "{\"type\":\"welcome\",\"re\":1,\"name\":\"alice\",\"users\":[\"alice\"],\"more\":false,"
                        + "\"server\":\"chatd 0.1.0\",\"version\":1,\"limits\":{\"max_line_bytes\":65536,"
                        + "\"max_text_bytes\":4096,\"max_name_code_points\":32,\"rate_per_second\":20.0,"
                        + "\"rate_burst\":50,\"idle_timeout_seconds\":60},\"account\":\"registered\","
                        + "\"resume_token\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"history\":3}");
        Welcome guest = (Welcome) CODEC.decodeServer(utf8("{\"type\":\"welcome\",\"re\":1,\"name\":\"a\","
                + "\"users\":[],\"more\":false,\"server\":\"s\",\"version\":1,\"limits\":{},\"account\":\"guest\"}"));
        assertEquals(AccountKind.GUEST, guest.account());
        assertEquals(0, guest.historyCount());
    }

    @Test
    void anUnknownAccountKindIsABadFrame() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> CODEC.decodeServer(utf8(
                "{\"type\":\"welcome\",\"re\":1,\"name\":\"a\",\"users\":[],\"more\":false,\"server\":\"s\","
                        + "\"version\":1,\"limits\":{},\"account\":\"admin\"}")));
        assertEquals(ErrorCode.BAD_FRAME, e.code());
    }

    @Test
    void messageWithIdAndHistoryMarkIsGoldenAndAFalseMarkIsOmitted() {
        assertServerGolden(new Message("bob", "all", "hi", TS, 17L, true),
                "{\"type\":\"message\",\"from\":\"bob\",\"to\":\"all\",\"text\":\"hi\",\"ts\":1700000000123,"
                        + "\"id\":17,\"history\":true}");
        assertServerGolden(new Message("bob", "alice", "hi", TS, 18L, false),
                "{\"type\":\"message\",\"from\":\"bob\",\"to\":\"alice\",\"text\":\"hi\",\"ts\":1700000000123,\"id\":18}");
        assertFalse(new Message("bob", "alice", "hi", TS, 18L, false).isHistory());
    }

    @Test
    void sentWithIdAndStoredIsGolden() {
        assertServerGolden(new Sent(2, "carol", 0, TS, 19L, true),
                "{\"type\":\"sent\",\"re\":2,\"to\":\"carol\",\"recipients\":0,\"ts\":1700000000123,"
                        + "\"id\":19,\"stored\":true}");
        assertTrue(new Sent(2, "carol", 0, TS, 19L, true).isStored());
    }

    @Test
    void historyRequestAndPageAreGolden() {
        assertClientGolden(new HistoryRequest(7, 100L, null, 50),
                "{\"type\":\"history\",\"id\":7,\"before\":100,\"limit\":50}");
        assertClientGolden(new HistoryRequest(8, null, 40L, 1000),
                "{\"type\":\"history\",\"id\":8,\"after\":40,\"limit\":1000}");
        assertClientGolden(new HistoryRequest(9, null, null, 1), "{\"type\":\"history\",\"id\":9,\"limit\":1}");
        assertServerGolden(new HistoryPage(7, List.of(new Message("bob", "all", "hi", TS, 17L, true)), false),
                "{\"type\":\"history_page\",\"re\":7,\"messages\":[{\"from\":\"bob\",\"to\":\"all\",\"text\":\"hi\","
                        + "\"ts\":1700000000123,\"id\":17,\"history\":true}],\"more\":false}");
    }

    @Test
    void aHistoryRequestWithBothBoundsOrALimitOutOfRangeIsABadFrame() {
        Lines.assertError(assertThrows(ProtocolException.class, () -> CODEC.decodeClient(utf8(
                        "{\"type\":\"history\",\"id\":7,\"before\":1,\"after\":2,\"limit\":5}"))),
                ErrorCode.BAD_FRAME, "give 'before' or 'after', not both", 7L);
        Lines.assertError(assertThrows(ProtocolException.class, () -> CODEC.decodeClient(utf8(
                        "{\"type\":\"history\",\"id\":7,\"limit\":0}"))),
                ErrorCode.BAD_FRAME, "field 'limit' must be 1 to 1000", 7L);
        Lines.assertError(assertThrows(ProtocolException.class, () -> CODEC.decodeClient(utf8(
                        "{\"type\":\"history\",\"id\":7,\"limit\":1001}"))),
                ErrorCode.BAD_FRAME, "field 'limit' must be 1 to 1000", 7L);
        Lines.assertError(assertThrows(ProtocolException.class, () -> CODEC.decodeClient(utf8(
                        "{\"type\":\"history\",\"id\":7}"))),
                ErrorCode.BAD_FRAME, "missing field 'limit'", 7L);
    }

    private static void assertClientGolden(ClientFrame frame, String json) {
        assertEncodes(frame, json);
        assertEquals(frame, CODEC.decodeClient(utf8(json)));
    }

    private static void assertServerGolden(ServerFrame frame, String json) {
        assertEncodes(frame, json);
        assertEquals(frame, CODEC.decodeServer(utf8(json)));
    }

    private static void assertEncodes(Frame frame, String json) {
        assertEquals(json + "\n", new String(CODEC.encodeFrame(frame), StandardCharsets.UTF_8));
    }
}
