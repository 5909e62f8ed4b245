package dev.chat.wire;

import dev.chat.wire.frame.Bye;
import dev.chat.wire.frame.DataHeader;
import dev.chat.wire.frame.Download;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.frame.Fetch;
import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.FileList;
import dev.chat.wire.frame.Frame;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.ListFiles;
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
import dev.chat.wire.frame.Transport;
import dev.chat.wire.frame.UserJoined;
import dev.chat.wire.frame.UserLeft;
import dev.chat.wire.frame.UserList;
import dev.chat.wire.frame.Welcome;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.chat.wire.Lines.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every frame type as its literal line: encoded byte for byte, and decoded back to an equal record. */
final class FrameGoldenTest {
    private static final JsonCodec CODEC = JsonCodec.instance();
    private static final long TS = 1_700_000_000_123L;

    // --- client -> daemon ---

    @Test
    void helloIsGolden() {
        assertClientGolden(new Hello(1, "alice", 1, "chat-tui 0.1.0"),
                "{\"type\":\"hello\",\"id\":1,\"name\":\"alice\",\"version\":1,\"client\":\"chat-tui 0.1.0\"}");
    }

    @Test
    void sendIsGolden() {
        assertClientGolden(new Send(2, "bob", "hi bob"),
                "{\"type\":\"send\",\"id\":2,\"to\":\"bob\",\"text\":\"hi bob\"}");
    }

    @Test
    void broadcastSendIsGolden() {
        assertClientGolden(new Send(3, "all", "hello everyone"),
                "{\"type\":\"send\",\"id\":3,\"to\":\"all\",\"text\":\"hello everyone\"}");
    }

    @Test
    void listUsersIsGolden() {
        assertClientGolden(new ListUsers(4), "{\"type\":\"list_users\",\"id\":4}");
    }

    @Test
    void listFilesIsGolden() {
        assertClientGolden(new ListFiles(5), "{\"type\":\"list_files\",\"id\":5}");
    }

    @Test
    void clientPingIsGolden() {
        assertClientGolden(new Ping(6), "{\"type\":\"ping\",\"id\":6}");
    }

    @Test
    void clientPongIsGolden() {
        assertClientGolden(new Pong(7), "{\"type\":\"pong\",\"re\":7}");
    }

    @Test
    void quitIsGolden() {
        assertClientGolden(new Quit(8), "{\"type\":\"quit\",\"id\":8}");
    }

    @Test
    void largestIdIsGolden() {
        assertClientGolden(new Ping(Limits.MAX_ID), "{\"type\":\"ping\",\"id\":9007199254740991}");
    }

    @Test
    void idZeroIsGolden() {
        assertClientGolden(new Quit(0), "{\"type\":\"quit\",\"id\":0}");
    }

    // --- daemon -> client ---

    @Test
    void welcomeIsGolden() {
        assertServerGolden(new Welcome(1, "alice", List.of("alice", "bob"), false, "chatd 0.1.0", 1,
                        new ServerLimits(65536, 4096, 32, 20.0, 50, 60)),
                "{\"type\":\"welcome\",\"re\":1,\"name\":\"alice\",\"users\":[\"alice\",\"bob\"],\"more\":false,"
                        + "\"server\":\"chatd 0.1.0\",\"version\":1,\"limits\":{\"max_line_bytes\":65536,"
                        + "\"max_text_bytes\":4096,\"max_name_code_points\":32,\"rate_per_second\":20.0,"
                        + "\"rate_burst\":50,\"idle_timeout_seconds\":60}}");
    }

    @Test
    void welcomeWithMorePagesAndNoFloodLimitIsGolden() {
        assertServerGolden(new Welcome(1, "alice", List.of("alice"), true, "chatd 0.1.0", 1,
                        new ServerLimits(65536, 4096, 32, 0.0, 50, 60)),
                "{\"type\":\"welcome\",\"re\":1,\"name\":\"alice\",\"users\":[\"alice\"],\"more\":true,"
                        + "\"server\":\"chatd 0.1.0\",\"version\":1,\"limits\":{\"max_line_bytes\":65536,"
                        + "\"max_text_bytes\":4096,\"max_name_code_points\":32,\"rate_per_second\":0.0,"
                        + "\"rate_burst\":50,\"idle_timeout_seconds\":60}}");
    }

    @Test
    void sentIsGolden() {
        assertServerGolden(new Sent(2, "bob", 1, TS),
                "{\"type\":\"sent\",\"re\":2,\"to\":\"bob\",\"recipients\":1,\"ts\":1700000000123}");
    }

    @Test
    void userListIsGolden() {
        assertServerGolden(new UserList(4, List.of("alice", "bob", "שלום"), false),
                "{\"type\":\"user_list\",\"re\":4,\"users\":[\"alice\",\"bob\",\"שלום\"],\"more\":false}");
    }

    @Test
    void emptyUserListPageIsGolden() {
        assertServerGolden(new UserList(4, List.of(), false),
                "{\"type\":\"user_list\",\"re\":4,\"users\":[],\"more\":false}");
    }

    @Test
    void fileListIsGoldenAndOmitsAnUnknownHash() {
        String sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assertServerGolden(new FileList(5, List.of(new FileEntry("docs/empty.txt", 0, sha),
                        new FileEntry("big.iso", 734003200L, null)), true),
                "{\"type\":\"file_list\",\"re\":5,\"files\":[{\"name\":\"docs/empty.txt\",\"size\":0,\"sha256\":\""
                        + sha + "\"},{\"name\":\"big.iso\",\"size\":734003200}],\"more\":true}");
    }

    @Test
    void byeIsGolden() {
        assertServerGolden(new Bye(8), "{\"type\":\"bye\",\"re\":8}");
    }

    @Test
    void errorWithReIsGolden() {
        assertServerGolden(new ErrorFrame(2L, ErrorCode.UNKNOWN_TARGET, "no user 'dave' online"),
                "{\"type\":\"error\",\"re\":2,\"code\":\"UNKNOWN_TARGET\",\"message\":\"no user 'dave' online\"}");
    }

    @Test
    void errorWithoutReOmitsTheField() {
        assertServerGolden(new ErrorFrame(null, ErrorCode.SERVER_FULL, "the server is full"),
                "{\"type\":\"error\",\"code\":\"SERVER_FULL\",\"message\":\"the server is full\"}");
    }

    @Test
    void privateMessageIsGolden() {
        assertServerGolden(new Message("bob", "alice", "שלום 👋", TS),
                "{\"type\":\"message\",\"from\":\"bob\",\"to\":\"alice\",\"text\":\"שלום 👋\",\"ts\":1700000000123}");
    }

    @Test
    void broadcastMessageIsGolden() {
        Message message = new Message("bob", "all", "hi all", TS);
        assertServerGolden(message,
                "{\"type\":\"message\",\"from\":\"bob\",\"to\":\"all\",\"text\":\"hi all\",\"ts\":1700000000123}");
        assertEquals(true, message.isBroadcast());
    }

    @Test
    void userJoinedIsGolden() {
        assertServerGolden(new UserJoined("carol"), "{\"type\":\"user_joined\",\"name\":\"carol\"}");
    }

    @Test
    void userLeftIsGoldenForEveryReason() {
        String[] wire = {"quit", "connection lost", "timed out", "kicked: send queue full",
                "kicked: protocol error", "server shutting down", "replaced"};
        LeaveReason[] reasons = LeaveReason.values();
        assertEquals(wire.length, reasons.length, "every reason has a golden line");
        for (int i = 0; i < wire.length; i++) {
            assertEquals(wire[i], reasons[i].text());
            assertServerGolden(new UserLeft("carol", reasons[i]),
                    "{\"type\":\"user_left\",\"name\":\"carol\",\"reason\":\"" + wire[i] + "\"}");
        }
    }

    @Test
    void shutdownIsGolden() {
        assertServerGolden(new Shutdown("server shutting down"),
                "{\"type\":\"shutdown\",\"message\":\"server shutting down\"}");
    }

    @Test
    void clusterStatusIsGolden() {
        assertServerGolden(new ClusterStatus(ClusterState.DEGRADED, "the cluster is unreachable"),
                "{\"type\":\"cluster\",\"state\":\"degraded\",\"message\":\"the cluster is unreachable\"}");
        assertServerGolden(new ClusterStatus(ClusterState.OK, "back in the cluster"),
                "{\"type\":\"cluster\",\"state\":\"ok\",\"message\":\"back in the cluster\"}");
    }

    @Test
    void serverPingIsGolden() {
        assertServerGolden(new Ping(900), "{\"type\":\"ping\",\"id\":900}");
    }

    @Test
    void serverPongIsGolden() {
        assertServerGolden(new Pong(6), "{\"type\":\"pong\",\"re\":6}");
    }

    // --- encoding details ---

    @Test
    void encoderEscapesOnlyWhatJsonRequires() {
        assertClientGolden(new Send(1, "bob", "<a href=\"x\">&amp;</a>\t\\ 'q' \u2028 é"),
                "{\"type\":\"send\",\"id\":1,\"to\":\"bob\",\"text\":"
                        + "\"<a href=\\\"x\\\">&amp;</a>\\t\\\\ 'q' \\u2028 é\"}");
    }

    @Test
    void decoderAcceptsFieldsInAnyOrderAndJsonWhitespace() {
        assertEquals(new Send(2, "bob", "hi"),
                CODEC.decodeClient(utf8(" { \"text\" : \"hi\" ,\t\"to\":\"bob\", \"id\":2, \"type\":\"send\" } ")));
    }

    @Test
    void decoderUnescapesJsonEscapes() {
        assertEquals(new Send(2, "bob", "é👋\"\\/\t"),
                CODEC.decodeClient(utf8("{\"type\":\"send\",\"id\":2,\"to\":\"bob\","
                        + "\"text\":\"\\u00e9\\ud83d\\udc4b\\\"\\\\\\/\\t\"}")));
    }

    @Test
    void encodingAFrameLargerThanALineIsRefused() {
        List<String> users = java.util.Collections.nCopies(3000, "a".repeat(32));
        UserList huge = new UserList(1, users, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CODEC.encodeFrame(huge));
        assertEquals("user_list frame of 105050 bytes exceeds a line", e.getMessage());
    }

    @Test
    void serverOnlyFramesAreUnknownToTheClientDecoderAndViceVersa() {
        // A daemon line names its request by 're', never by 'id'.
        Lines.assertError(assertThrows(ProtocolException.class,
                        () -> CODEC.decodeClient(utf8("{\"type\":\"bye\",\"re\":1}"))),
                ErrorCode.UNKNOWN_TYPE, "unknown frame type 'bye'", null);
        Lines.assertError(assertThrows(ProtocolException.class,
                        () -> CODEC.decodeServer(utf8("{\"type\":\"hello\",\"id\":1,\"name\":\"a\",\"version\":1,"
                                + "\"client\":\"x\"}"))),
                ErrorCode.UNKNOWN_TYPE, "unknown frame type 'hello'", null);
    }

    // --- downloads ---

    @Test
    void downloadIsGolden() {
        assertClientGolden(new Download(10, "docs/a.txt", Transport.UDP, 4096),
                "{\"type\":\"download\",\"id\":10,\"name\":\"docs/a.txt\",\"protocol\":\"udp\",\"offset\":4096}");
    }

    @Test
    void downloadWithAnotherProtocolIsABadFrameAnsweringItsId() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> CODEC.decodeClient(utf8(
                "{\"type\":\"download\",\"id\":10,\"name\":\"a\",\"protocol\":\"ftp\",\"offset\":0}")));
        assertEquals(ErrorCode.BAD_FRAME, e.code());
        assertEquals(10, e.re().getAsLong());
    }

    @Test
    void downloadWithANegativeOffsetIsABadFrame() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> CODEC.decodeClient(utf8(
                "{\"type\":\"download\",\"id\":10,\"name\":\"a\",\"protocol\":\"tcp\",\"offset\":-1}")));
        assertEquals(ErrorCode.BAD_FRAME, e.code());
    }

    @Test
    void downloadReadyIsGolden() {
        String sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assertServerGolden(new DownloadReady(10, 77, "docs/a.txt", 0, sha, 0, Transport.TCP,
                        "00112233445566778899aabbccddeeff", 13337),
                "{\"type\":\"download_ready\",\"re\":10,\"transfer\":77,\"name\":\"docs/a.txt\",\"size\":0,"
                        + "\"sha256\":\"" + sha + "\",\"offset\":0,\"protocol\":\"tcp\","
                        + "\"token\":\"00112233445566778899aabbccddeeff\",\"port\":13337}");
    }

    @Test
    void aUdpDownloadReadyCarriesItsKeyAndATcpOneOmitsIt() {
        String sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        String key = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
        assertServerGolden(new DownloadReady(10, 77, "docs/a.txt", 8192, sha, 4096, Transport.UDP,
                        "00112233445566778899aabbccddeeff", 13337, key),
                "{\"type\":\"download_ready\",\"re\":10,\"transfer\":77,\"name\":\"docs/a.txt\",\"size\":8192,"
                        + "\"sha256\":\"" + sha + "\",\"offset\":4096,\"protocol\":\"udp\","
                        + "\"token\":\"00112233445566778899aabbccddeeff\",\"port\":13337,\"key\":\"" + key + "\"}");
    }

    @Test
    void aDownloadReadyKeyThatIsNot64LowerCaseHexDigitsIsABadFrame() {
        String sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        ProtocolException e = assertThrows(ProtocolException.class, () -> new DownloadReady(10, 77, "a", 0, sha, 0,
                Transport.UDP, "00112233445566778899aabbccddeeff", 13337, "ABCD"));
        assertEquals(ErrorCode.BAD_FRAME, e.code());
    }

    @Test
    void fetchIsGolden() {
        assertClientGolden(new Fetch(77, "00112233445566778899aabbccddeeff"),
                "{\"type\":\"fetch\",\"transfer\":77,\"token\":\"00112233445566778899aabbccddeeff\"}");
    }

    @Test
    void fetchWithAShortTokenIsABadFrame() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> CODEC.decodeClient(utf8(
                "{\"type\":\"fetch\",\"transfer\":77,\"token\":\"0011\"}")));
        assertEquals(ErrorCode.BAD_FRAME, e.code());
    }

    @Test
    void dataHeaderIsGolden() {
        assertServerGolden(new DataHeader(77, 1024, 8_388_608),
                "{\"type\":\"data\",\"transfer\":77,\"offset\":1024,\"length\":8388608}");
    }

    @Test
    void transferStatsIsGolden() {
        assertServerGolden(new TransferStats(77, 850, 122_880, 61_440, 3, 4),
                "{\"type\":\"transfer_stats\",\"transfer\":77,\"srtt_us\":850,\"cwnd\":122880,"
                        + "\"bytes_in_flight\":61440,\"retransmissions\":3,\"lost\":4}");
    }

    @Test
    void transferStatsWithoutAFieldIsABadFrame() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> CODEC.decodeServer(utf8(
                "{\"type\":\"transfer_stats\",\"transfer\":77,\"srtt_us\":850,\"cwnd\":122880,"
                        + "\"bytes_in_flight\":61440,\"retransmissions\":3}")));
        assertEquals(ErrorCode.BAD_FRAME, e.code());
        assertEquals("missing field 'lost'", e.getMessage());
    }

    @Test
    void transferStatsWithANegativeCounterIsABadFrame() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> CODEC.decodeServer(utf8(
                "{\"type\":\"transfer_stats\",\"transfer\":77,\"srtt_us\":-1,\"cwnd\":122880,"
                        + "\"bytes_in_flight\":61440,\"retransmissions\":3,\"lost\":4}")));
        assertEquals(ErrorCode.BAD_FRAME, e.code());
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
        byte[] expected = (json + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] actual = CODEC.encodeFrame(frame);
        assertEquals(json + "\n", new String(actual, StandardCharsets.UTF_8));
        assertArrayEquals(expected, actual);
    }
}
