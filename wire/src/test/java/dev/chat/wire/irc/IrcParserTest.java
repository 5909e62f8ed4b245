package dev.chat.wire.irc;

import dev.chat.wire.irc.IrcSyntaxException.Kind;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Golden lines in, messages out; every broken rule a typed error. */
final class IrcParserTest {
    @Test
    void aBareCommandParses() {
        assertEquals(IrcMessage.of(null, "QUIT"), parse("QUIT"));
    }

    @Test
    void commandsAreUpperCased() {
        assertEquals("PRIVMSG", parse("privmsg #chat :hi").command());
    }

    @Test
    void middleAndTrailingParametersParse() {
        IrcMessage m = parse("USER alice 0 * :Alice Liddell");
        assertEquals(List.of("alice", "0", "*", "Alice Liddell"), m.params());
    }

    @Test
    void aTrailingParameterMayBeEmptyOrStartWithAColon() {
        assertEquals(List.of("#chat", ""), parse("TOPIC #chat :").params());
        assertEquals(List.of("#chat", ":)"), parse("PRIVMSG #chat ::)").params());
    }

    @Test
    void runsOfSpacesCountAsOne() {
        assertEquals(List.of("#chat", "hi there"), parse("PRIVMSG   #chat   :hi there").params());
    }

    @Test
    void aSourcePrefixIsKeptWithoutItsColon() {
        IrcMessage m = parse(":alice!a@host PRIVMSG bob :yo");
        assertEquals("alice!a@host", m.source());
        assertEquals("PRIVMSG", m.command());
    }

    @Test
    void tagsAreParsedAndUnescaped() {
        IrcMessage m = parse("@+draft/reply=12;label=a\\sb\\:c\\\\d;flag :x PRIVMSG #chat :hi");
        assertEquals(Map.of("+draft/reply", "12", "label", "a b;c\\d", "flag", ""), m.tags());
        assertEquals("x", m.source());
    }

    @Test
    void hebrewAndEmojiParseIntact() {
        assertEquals("שלום 👋🏽", parse("PRIVMSG #chat :שלום 👋🏽").param(1));
    }

    @Test
    void aThreeDigitNumericIsACommand() {
        assertEquals("001", parse(":srv 001 alice :Welcome").command());
    }

    @Test
    void fifteenParametersAreTheLimit() {
        String fifteen = "CMD" + " p".repeat(15);
        assertEquals(15, parse(fifteen).params().size());
        assertKind(Kind.TOO_MANY_PARAMS, fifteen + " p");
    }

    @Test
    void fiveHundredTenBytesBesidesTagsAreTheLimit() {
        String head = "PRIVMSG #chat :";
        String max = head + "a".repeat(IrcParser.MAX_BODY_BYTES - head.length());
        assertEquals(IrcParser.MAX_BODY_BYTES - head.length(), parse(max).param(1).length());
        assertKind(Kind.TOO_LONG, max + "a");
        assertEquals("PRIVMSG", parse("@a=" + "v".repeat(2000) + " " + max).command()); // tags do not count
    }

    @Test
    void tagDataOverItsLimitIsRefused() {
        String tags = "@k=" + "v".repeat(IrcParser.MAX_CLIENT_TAG_BYTES - 2);
        assertEquals("PING", parse(tags + " PING").command());
        assertKind(Kind.TAGS_TOO_LONG, "@k=" + "v".repeat(IrcParser.MAX_CLIENT_TAG_BYTES - 1) + " PING");
    }

    @Test
    void emptyLinesAndLinesWithoutACommandAreRefused() {
        assertKind(Kind.EMPTY, "");
        assertKind(Kind.EMPTY, "   ");
        assertKind(Kind.EMPTY, ":alice");
        assertKind(Kind.EMPTY, "@a=b");
    }

    @Test
    void aCommandOfOtherCharactersIsRefused() {
        assertKind(Kind.BAD_COMMAND, "PR1VMSG x");
        assertKind(Kind.BAD_COMMAND, "1234");
    }

    @Test
    void anInvalidTagKeyIsRefused() {
        assertKind(Kind.BAD_TAG, "@=v PING");
        assertKind(Kind.BAD_TAG, "@a!b=v;c PING x");
        assertKind(Kind.BAD_TAG, "@+ PING");
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] bytes = {'P', 'R', 'I', 'V', 'M', 'S', 'G', ' ', '#', 'c', ' ', ':', (byte) 0xC3, (byte) 0x28};
        IrcSyntaxException e = assertThrows(IrcSyntaxException.class, () -> IrcParser.parse(ByteBuffer.wrap(bytes)));
        assertEquals(Kind.NOT_UTF8, e.kind());
    }

    @Test
    void nulAndStrayCarriageReturnsAreRefused() {
        assertKind(Kind.CONTROL_CHARACTER, "PRIVMSG #c :a\0b");
        assertKind(Kind.CONTROL_CHARACTER, "PRIVMSG #c :a\rb");
    }

    @Test
    void aLineWithoutParametersHasNone() {
        IrcMessage m = parse("PING");
        assertNull(m.param(0));
    }

    static IrcMessage parse(String line) {
        return IrcParser.parse(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertKind(Kind kind, String line) {
        IrcSyntaxException e = assertThrows(IrcSyntaxException.class, () -> parse(line));
        assertEquals(kind, e.kind(), e.getMessage());
    }
}
