package dev.chat.wire.text;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.AccountKind;
import dev.chat.wire.frame.HistoryPage;
import dev.chat.wire.frame.HistoryRequest;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.ServerLimits;
import dev.chat.wire.frame.Welcome;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Text mode's view of history: marked lines, the welcome's count, and /history. */
final class TextCodecHistoryTest {
    private static final long TS = 1_700_000_001_000L; // 22:13:21 UTC
    private final TextCodec codec = new TextCodec(ZoneOffset.UTC);

    @Test
    void aReplayedMessageIsMarkedAndNamesBothEnds() {
        assertEquals("[22:13:21] (history) bob -> all: hi", codec.render(new Message("bob", "all", "hi", TS, 3L, true)));
        assertEquals("[22:13:21] (history) alice -> bob: psst",
                codec.render(new Message("alice", "bob", "psst", TS, 4L, true)));
        assertEquals("[22:13:21] bob -> you: live", codec.render(new Message("bob", "alice", "live", TS, 5L, null)));
    }

    @Test
    void theWelcomeSaysHowManyEarlierMessagesFollow() {
        Welcome welcome = new Welcome(1, "alice", List.of("alice"), false, "chatd", 1,
                new ServerLimits(1, 1, 1, 0, 0, 60), AccountKind.GUEST, null, 2);
        assertEquals("* welcome alice, 1 user online: alice; 2 earlier messages follow", codec.render(welcome));
    }

    @Test
    void historyAsksForTwentyOrTheCountGivenAndAPageIsOneLinePerMessage() {
        codec.decode(line("alice"), false);
        assertEquals(new HistoryRequest(2, null, null, 20), codec.decode(line("/history"), true));
        assertEquals(new HistoryRequest(3, null, null, 5), codec.decode(line("/history 5"), true));
        ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decode(line("/history 0"), true));
        assertEquals(ErrorCode.BAD_FRAME, e.code());
        assertEquals("* no history", codec.render(new HistoryPage(2, List.of(), false)));
        assertEquals("[22:13:21] (history) bob -> all: a\n[22:13:21] (history) bob -> all: b",
                codec.render(new HistoryPage(3, List.of(new Message("bob", "all", "a", TS, 1L, true),
                        new Message("bob", "all", "b", TS, 2L, true)), false)));
    }

    private static ByteBuffer line(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
