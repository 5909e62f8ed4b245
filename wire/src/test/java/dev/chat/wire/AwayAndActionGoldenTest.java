package dev.chat.wire;

import dev.chat.wire.frame.Away;
import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.Frame;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.UserAway;
import dev.chat.wire.frame.UserList;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.chat.wire.Lines.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The away request, the user_away event, away states in user lists and the action flag: all optional in version 1. */
final class AwayAndActionGoldenTest {
    private static final JsonCodec CODEC = JsonCodec.instance();
    private static final long TS = 1_700_000_000_123L;

    @Test
    void awayWithAReasonIsGolden() {
        assertClientGolden(new Away(3, "lunch 🍕"), "{\"type\":\"away\",\"id\":3,\"reason\":\"lunch 🍕\"}");
    }

    @Test
    void awayWithoutAReasonMeansBack() {
        assertClientGolden(new Away(4, null), "{\"type\":\"away\",\"id\":4}");
        Away blank = (Away) CODEC.decodeClient(utf8("{\"type\":\"away\",\"id\":5,\"reason\":\"  \"}"));
        assertTrue(blank.isBack());
    }

    @Test
    void anAwayReasonOverItsLimitIsRefusedWithItsId() {
        String reason = "x".repeat(Limits.MAX_AWAY_BYTES + 1);
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> CODEC.decodeClient(utf8("{\"type\":\"away\",\"id\":6,\"reason\":\"" + reason + "\"}")));
        assertEquals(ErrorCode.MESSAGE_TOO_LONG, e.code());
        assertEquals(6, e.re().getAsLong());
        new Away(7, "x".repeat(Limits.MAX_AWAY_BYTES)); // the limit itself is fine
    }

    @Test
    void anAwayReasonWithAControlCharacterIsRefused() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> new Away(8, "a\u0007b"));
        assertEquals(ErrorCode.MESSAGE_INVALID, e.code());
    }

    @Test
    void userAwayIsGoldenBothWays() {
        assertServerGolden(new UserAway("דני", "בחוץ"), "{\"type\":\"user_away\",\"name\":\"דני\",\"reason\":\"בחוץ\"}");
        assertServerGolden(new UserAway("bob", null), "{\"type\":\"user_away\",\"name\":\"bob\"}");
    }

    @Test
    void anActionSendAndMessageCarryTheFlagOnlyWhenTrue() {
        assertClientGolden(new Send(9, "all", "waves", true),
                "{\"type\":\"send\",\"id\":9,\"to\":\"all\",\"text\":\"waves\",\"action\":true}");
        assertClientGolden(new Send(10, "all", "hi", false), "{\"type\":\"send\",\"id\":10,\"to\":\"all\",\"text\":\"hi\"}");
        assertServerGolden(new Message("alice", "all", "waves", TS, 12L, null, true),
                "{\"type\":\"message\",\"from\":\"alice\",\"to\":\"all\",\"text\":\"waves\",\"ts\":" + TS
                        + ",\"id\":12,\"action\":true}");
        assertTrue(new Message("alice", "all", "waves", TS, 12L, null, true).asHistory().isAction());
    }

    @Test
    void aUserListNamesItsAwayUsers() {
        assertServerGolden(new UserList(2, List.of("alice", "bob"), false, Map.of("bob", "out")),
                "{\"type\":\"user_list\",\"re\":2,\"users\":[\"alice\",\"bob\"],\"more\":false,\"away\":{\"bob\":\"out\"}}");
        UserList old = (UserList) CODEC.decodeServer(utf8("{\"type\":\"user_list\",\"re\":2,\"users\":[\"a\"],\"more\":false}"));
        assertNull(old.awayReason("a"));
        assertFalse(new UserList(2, List.of("a"), false, Map.of()).toString().contains("away={"));
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
