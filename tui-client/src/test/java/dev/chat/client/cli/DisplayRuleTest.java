package dev.chat.client.cli;

import dev.chat.client.tui.TuiText;
import dev.chat.wire.ChatText;
import dev.chat.wire.frame.Message;
import dev.chat.wire.text.TextCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * One rule for showing peer text (PROTOCOL.md section 10): every dangerous class goes through the
 * text mode (nc), line mode and the full-screen client, and all three show the same thing.
 */
class DisplayRuleTest {
    private static final String PREFIX = "[00:00:00] bob -> all: ";
    private static final String FFFD = "\uFFFD";

    static Stream<Arguments> dangerousText() {
        return Stream.of(
                arguments("C0 escape", "a\u001b[2Jb", "a" + FFFD + "[2Jb"),
                arguments("C0 bell, carriage return, NUL", "a\u0007\r\u0000b", "a" + FFFD + FFFD + FFFD + "b"),
                arguments("DEL", "a\u007fb", "a" + FFFD + "b"),
                arguments("C1 CSI", "a\u009b31mb", "a" + FFFD + "31mb"),
                arguments("C1 next line", "a\u0085b", "a" + FFFD + "b"),
                arguments("right-to-left override", "invoice\u202Efdp.exe", "invoice" + FFFD + "fdp.exe"),
                arguments("other embeddings and overrides", "\u202Aa\u202Bb\u202Cc\u202Dd",
                        FFFD + "a" + FFFD + "b" + FFFD + "c" + FFFD + "d"),
                arguments("isolates", "\u2066a\u2067b\u2068c\u2069", FFFD + "a" + FFFD + "b" + FFFD + "c" + FFFD),
                arguments("line separator", "one\u2028two", "one" + FFFD + "two"),
                arguments("paragraph separator", "one\u2029two", "one" + FFFD + "two"),
                arguments("zero-width space and word joiner", "ad\u200Bmin\u2060!", "admin!"),
                arguments("byte-order mark and soft hyphen", "\uFEFFa\u00ADb", "ab"),
                arguments("bidi marks", "a\u200E\u200Fb\u061C", "ab"),
                arguments("Hangul fillers", "\u3164\uFFA0x", "x"),
                arguments("tag characters smuggled after a letter", "ok\uDB40\uDC68\uDB40\uDC69", "ok"),
                arguments("a lone joiner or selector", "\u200D\uFE0Fa", "a"),
                arguments("lone high surrogate", "a\uD83Db", "a" + FFFD + "b"),
                arguments("lone low surrogate", "a\uDE00b", "a" + FFFD + "b"),
                arguments("stacked combining marks", "x" + "\u0301".repeat(40),
                        "x" + "\u0301".repeat(ChatText.MAX_CLUSTER_CODE_POINTS - 1)),
                arguments("emoji sequences are kept", "👨‍👩‍👧 👍🏽 🇮🇱 ❤️", "👨‍👩‍👧 👍🏽 🇮🇱 ❤️"),
                arguments("a subdivision flag keeps its tags",
                        "🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F",
                        "🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F"),
                arguments("Persian keeps its zero-width non-joiner", "می\u200Cخواهم", "می\u200Cخواهم"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dangerousText")
    void everyRendererNeutralisesDangerousTextTheSameWay(String name, String sent, String shown) {
        assertEquals(shown, ChatText.forDisplay(sent), "the rule");
        assertEquals(shown, textMode(sent), "nc (text mode)");
        assertEquals(shown, lineMode(sent), "line mode");
        assertEquals(shown, TuiText.clean(sent), "full-screen client");
    }

    private static String textMode(String text) {
        byte[] line = new TextCodec(ZoneOffset.UTC).encode(new Message("bob", "all", text, 0));
        String shown = new String(line, StandardCharsets.UTF_8);
        return shown.substring(PREFIX.length(), shown.length() - 1);
    }

    private static String lineMode(String text) {
        return new EventFormatter(ZoneOffset.UTC).message(new Message("bob", "all", text, 0)).substring(PREFIX.length());
    }
}
