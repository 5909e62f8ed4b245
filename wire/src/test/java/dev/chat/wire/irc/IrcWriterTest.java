package dev.chat.wire.irc;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Messages in, golden bytes out; and what the writer writes, the parser reads back. */
final class IrcWriterTest {
    @Test
    void aNumericWithATrailingTextIsGolden() {
        assertEquals(":chatd 001 alice :Welcome to chatd, alice\r\n",
                line(IrcMessage.of("chatd", "001", "alice", "Welcome to chatd, alice")));
    }

    @Test
    void aLastParameterIsTrailingWhenItIsTextOrNeedsToBe() {
        assertEquals("PING token\r\n", line(IrcMessage.of(null, "PING", "token")));
        assertEquals(":a JOIN #chat\r\n", line(IrcMessage.of("a", "JOIN", "#chat")));
        assertEquals(":a PRIVMSG #chat :hi\r\n", line(IrcMessage.of("a", "PRIVMSG", "#chat", "hi")));
        assertEquals(":a AWAY :out\r\n", line(IrcMessage.of("a", "AWAY", "out")));
        assertEquals("TOPIC #chat :\r\n", line(IrcMessage.of(null, "TOPIC", "#chat", "")));
        assertEquals("PRIVMSG #chat ::)\r\n", line(IrcMessage.of(null, "PRIVMSG", "#chat", ":)")));
    }

    @Test
    void tagsAreEscapedAndValuelessTagsHaveNoEquals() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("time", "2026-12-02T01:02:03.456Z");
        tags.put("x", "a b;c\\");
        tags.put("flag", "");
        assertEquals("@time=2026-12-02T01:02:03.456Z;x=a\\sb\\:c\\\\;flag :a PING z\r\n",
                line(new IrcMessage(tags, "a", "PING", List.of("z"))));
    }

    @Test
    void whatIsWrittenParsesBackToTheSameMessage() {
        IrcMessage m = new IrcMessage(Map.of("msgid", "42", "+t", "v a;l"), "דני!u@h", "PRIVMSG",
                List.of("#chat", " leading space, שלום 👋🏽 "));
        byte[] bytes = IrcWriter.encode(m);
        assertEquals(m, IrcParserTest.parse(new String(bytes, 0, bytes.length - 2, StandardCharsets.UTF_8)));
    }

    @Test
    void aBodyOfFiveHundredTenBytesIsWrittenAndOneMoreIsRefused() {
        String head = "PRIVMSG #chat :";
        String text = "a".repeat(IrcParser.MAX_BODY_BYTES - head.length());
        assertEquals(IrcParser.MAX_BODY_BYTES + 2, IrcWriter.encode(IrcMessage.of(null, "PRIVMSG", "#chat", text)).length);
        assertEquals(IrcParser.MAX_BODY_BYTES, IrcWriter.bodyBytes(IrcMessage.of(null, "PRIVMSG", "#chat", text)));
        assertThrows(IllegalArgumentException.class,
                () -> IrcWriter.encode(IrcMessage.of(null, "PRIVMSG", "#chat", text + "a")));
    }

    @Test
    void fitCutsTheLastParameterOfAnOverlongReplyAndLeavesOthersAlone() {
        IrcMessage pong = IrcMessage.of("My.Little.Server", "PONG", "My.Little.Server", "x".repeat(505));
        IrcMessage fitted = IrcWriter.fit(pong);
        assertTrue(IrcWriter.bodyBytes(fitted) <= IrcParser.MAX_BODY_BYTES, "fits");
        assertTrue(IrcWriter.bodyBytes(fitted) >= IrcParser.MAX_BODY_BYTES - 1, "cut no more than needed");
        assertTrue(pong.param(1).startsWith(fitted.param(1)));
        IrcMessage small = IrcMessage.of("s", "PONG", "s", "t");
        assertEquals(small, IrcWriter.fit(small));
    }

    @Test
    void aLineBreakInsideAParameterIsRefusedNotWritten() {
        assertThrows(IllegalArgumentException.class, () -> IrcWriter.encode(IrcMessage.of(null, "PRIVMSG", "#c", "a\r\nQUIT")));
    }

    @Test
    void aMiddleParameterWithASpaceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> IrcMessage.of(null, "MODE", "a b", "x"));
        assertThrows(IllegalArgumentException.class, () -> IrcMessage.of(null, "MODE", "", "x"));
    }

    private static String line(IrcMessage m) {
        return new String(IrcWriter.encode(m), StandardCharsets.UTF_8);
    }
}
