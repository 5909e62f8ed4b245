package dev.chat.wire;

import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.Ping;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.ServerFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static dev.chat.wire.Lines.assertClientError;
import static dev.chat.wire.Lines.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the decoder refuses, with which code, message and {@code re}: text, UTF-8, JSON shape, fields. */
final class JsonDecoderLimitsTest {
    private static final JsonCodec CODEC = JsonCodec.instance();
    private static final String HEBREW = "ש";      // 2 bytes of UTF-8
    private static final String EMOJI = "😀";       // 4 bytes of UTF-8, a surrogate pair in Java

    // --- chat text ---

    @Test
    void emptyTextIsEmptyMessage() {
        assertClientError(send(""), ErrorCode.EMPTY_MESSAGE, "a message needs some text", 9L);
    }

    @Test
    void blankTextIsEmptyMessage() {
        assertClientError(send(" \\t  "), ErrorCode.EMPTY_MESSAGE, "a message needs some text", 9L);
    }

    @Test
    void textOfOneByteIsAccepted() {
        assertText("a");
    }

    @Test
    void textOf4095And4096BytesIsAccepted() {
        assertText("a".repeat(4095));
        assertText("a".repeat(4096));
    }

    @Test
    void textOf4097BytesIsTooLong() {
        assertTooLong("a".repeat(4097), 4097);
    }

    @Test
    void twoByteCharacterEndingAt4096IsAccepted() {
        assertText("a".repeat(4094) + HEBREW);
    }

    @Test
    void twoByteCharacterStraddling4096IsTooLong() {
        assertTooLong("a".repeat(4095) + HEBREW, 4097);
    }

    @Test
    void fourByteCharacterEndingAt4096IsAccepted() {
        assertText("a".repeat(4092) + EMOJI);
    }

    @Test
    void fourByteCharacterStraddling4096IsTooLong() {
        assertTooLong("a".repeat(4093) + EMOJI, 4097);
        assertTooLong("a".repeat(4095) + EMOJI, 4099);
    }

    @Test
    void textIsCountedInBytesNotCharacters() {
        assertText(HEBREW.repeat(2048));
        assertTooLong(HEBREW.repeat(2049), 4098);
        assertText(EMOJI.repeat(1024));
        assertTooLong(EMOJI.repeat(1025), 4100);
    }

    @Test
    void escapedTextIsMeasuredAfterUnescaping() {
        // 4096 escapes of six characters each are 4096 bytes of text.
        assertText("\\u0041".repeat(4096), "A".repeat(4096));
    }

    @Test
    void controlCharactersAreMessageInvalid() {
        assertClientError(send("bell \\u0007"), ErrorCode.MESSAGE_INVALID, "a message may not contain U+0007", 9L);
        assertClientError(send("a\\u001b[2Jb"), ErrorCode.MESSAGE_INVALID, "a message may not contain U+001B", 9L);
        assertClientError(send("line\\nbreak"), ErrorCode.MESSAGE_INVALID, "a message may not contain U+000A", 9L);
        assertClientError(send("cr\\r"), ErrorCode.MESSAGE_INVALID, "a message may not contain U+000D", 9L);
        assertClientError(send("nul\\u0000"), ErrorCode.MESSAGE_INVALID, "a message may not contain U+0000", 9L);
        assertClientError(send("del\\u007f"), ErrorCode.MESSAGE_INVALID, "a message may not contain U+007F", 9L);
        assertClientError(send("c1\\u0085"), ErrorCode.MESSAGE_INVALID, "a message may not contain U+0085", 9L);
    }

    @Test
    void tabIsAllowedInText() {
        assertText("col1\\tcol2", "col1\tcol2");
    }

    @Test
    void rawControlCharacterInsideAJsonStringIsBadFrame() {
        // Strict JSON: even a TAB must be written as the escape \t inside a string.
        assertClientError(send("raw\ttab"), ErrorCode.BAD_FRAME, "malformed JSON at column 42", 9L);
    }

    @Test
    void unpairedSurrogateEscapeIsMessageInvalid() {
        assertClientError(send("x\\ud800y"), ErrorCode.MESSAGE_INVALID, "a message may not contain U+D800", 9L);
        assertClientError(send("\\udc00"), ErrorCode.MESSAGE_INVALID, "a message may not contain U+DC00", 9L);
    }

    // --- UTF-8 ---

    @Test
    void overlongUtf8IsBadFrame() {
        assertBadUtf8(0xC0, 0xAF);
        assertBadUtf8(0xE0, 0x80, 0xAF);
    }

    @Test
    void loneContinuationByteIsBadFrame() {
        assertBadUtf8(0x80);
    }

    @Test
    void truncatedSequenceIsBadFrame() {
        assertBadUtf8(0xE2, 0x82);
        assertBadUtf8(0xF0, 0x9F, 0x98);
    }

    @Test
    void surrogateEncodedInUtf8IsBadFrame() {
        assertBadUtf8(0xED, 0xA0, 0x80);
        assertBadUtf8(0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80); // CESU-8 for an emoji
    }

    @Test
    void codePointsAboveTheUnicodeRangeAndInvalidBytesAreBadFrame() {
        assertBadUtf8(0xF4, 0x90, 0x80, 0x80);
        assertBadUtf8(0xFF);
    }

    // --- JSON shape ---

    @Test
    void emptyLineIsBadFrame() {
        assertClientError("", ErrorCode.BAD_FRAME, "empty line", null);
        assertClientError("  \t ", ErrorCode.BAD_FRAME, "empty line", null);
    }

    @Test
    void truncatedJsonIsBadFrame() {
        assertClientError("{\"type\":\"ping\",\"id\":1", ErrorCode.BAD_FRAME, "malformed JSON at column 22", 1L);
        assertClientError("{\"type\":\"pi", ErrorCode.BAD_FRAME, "malformed JSON at column 12", null);
    }

    @Test
    void trailingGarbageIsBadFrame() {
        assertClientError("{\"type\":\"ping\",\"id\":1} x", ErrorCode.BAD_FRAME,
                "trailing data after the JSON value", 1L);
        assertClientError("{\"type\":\"ping\",\"id\":1}{\"type\":\"ping\",\"id\":2}", ErrorCode.BAD_FRAME,
                "trailing data after the JSON value", 1L);
    }

    @Test
    void trailingWhitespaceIsAccepted() {
        assertEquals(new Ping(1), CODEC.decodeClient(utf8("{\"type\":\"ping\",\"id\":1}  \t")));
    }

    @Test
    void valuesOtherThanAnObjectAreBadFrame() {
        assertClientError("[{\"type\":\"ping\",\"id\":1}]", ErrorCode.BAD_FRAME,
                "a frame is a JSON object, not an array", null);
        assertClientError("42", ErrorCode.BAD_FRAME, "a frame is a JSON object, not a number", null);
        assertClientError("\"ping\"", ErrorCode.BAD_FRAME, "a frame is a JSON object, not a string", null);
        assertClientError("null", ErrorCode.BAD_FRAME, "a frame is a JSON object, not null", null);
        assertClientError("true", ErrorCode.BAD_FRAME, "a frame is a JSON object, not a boolean", null);
    }

    @Test
    void lenientJsonIsBadFrame() {
        // Where Gson reports the column is its business; that these are malformed is ours.
        for (String lenient : new String[] {"{'type':'ping','id':1}", "{type:\"ping\",\"id\":1}",
                "{\"type\":\"ping\",\"id\":1,}", "{\"type\":\"ping\",\"id\":NaN}",
                "{\"type\":\"ping\",/*c*/\"id\":1}", "{\"type\":\"ping\",\"id\":01}",
                "{\"type\":\"ping\";\"id\":1}", "{\"type\"=\"ping\",\"id\":1}", "{\"type\":\"ping\" \"id\":1}"}) {
            ProtocolException e = Lines.clientError(lenient);
            assertEquals(ErrorCode.BAD_FRAME, e.code(), lenient);
            assertTrue(e.getMessage().startsWith("malformed JSON at column "), lenient + ": " + e.getMessage());
            // Only the trailing comma comes after the id; everywhere else the line broke before it.
            assertEquals(lenient.endsWith(",}"), e.re().isPresent(), lenient);
        }
    }

    @Test
    @Timeout(5)
    void deeplyNestedJsonIsBadFrameWithoutRecursion() {
        String arrays = "[".repeat(10_000) + "]".repeat(10_000);
        assertClientError(arrays, ErrorCode.BAD_FRAME, "malformed JSON: nested deeper than 16 levels", null);
        String objects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        assertClientError(objects, ErrorCode.BAD_FRAME, "malformed JSON: nested deeper than 16 levels", null);
        String inField = "{\"type\":\"ping\",\"id\":1,\"x\":" + arrays + "}";
        assertClientError(inField, ErrorCode.BAD_FRAME, "malformed JSON: nested deeper than 16 levels", 1L);
    }

    // --- type and fields ---

    @Test
    void missingTypeIsBadFrameWithRe() {
        assertClientError("{\"id\":4}", ErrorCode.BAD_FRAME, "missing field 'type'", 4L);
        assertClientError("{\"type\":null,\"id\":4}", ErrorCode.BAD_FRAME, "missing field 'type'", 4L);
    }

    @Test
    void typeThatIsNotAStringIsBadFrame() {
        assertClientError("{\"type\":7,\"id\":4}", ErrorCode.BAD_FRAME, "field 'type' must be a string", 4L);
        assertClientError("{\"type\":[\"ping\"],\"id\":4}", ErrorCode.BAD_FRAME, "field 'type' must be a string", 4L);
    }

    @Test
    void unknownTypeIsUnknownTypeWithRe() {
        assertClientError("{\"type\":\"dance\",\"id\":8}", ErrorCode.UNKNOWN_TYPE, "unknown frame type 'dance'", 8L);
        assertClientError("{\"type\":\"PING\",\"id\":8}", ErrorCode.UNKNOWN_TYPE, "unknown frame type 'PING'", 8L);
        assertClientError("{\"type\":\"dance\"}", ErrorCode.UNKNOWN_TYPE, "unknown frame type 'dance'", null);
    }

    @Test
    void missingFieldIsBadFrameWithRe() {
        assertClientError("{\"type\":\"send\",\"id\":3,\"to\":\"bob\"}", ErrorCode.BAD_FRAME, "missing field 'text'", 3L);
        assertClientError("{\"type\":\"ping\"}", ErrorCode.BAD_FRAME, "missing field 'id'", null);
        assertClientError("{\"type\":\"pong\"}", ErrorCode.BAD_FRAME, "missing field 're'", null);
        assertClientError("{\"type\":\"hello\",\"id\":1,\"name\":\"a\",\"version\":1}", ErrorCode.BAD_FRAME,
                "missing field 'client'", 1L);
    }

    @Test
    void nullFieldCountsAsMissing() {
        assertClientError("{\"type\":\"send\",\"id\":3,\"to\":null,\"text\":\"x\"}", ErrorCode.BAD_FRAME,
                "missing field 'to'", 3L);
    }

    @Test
    void stringForNumberIsBadFrame() {
        assertClientError("{\"type\":\"ping\",\"id\":\"5\"}", ErrorCode.BAD_FRAME,
                "wrong field type: expected an integer at id but was string", null);
        assertClientError("{\"type\":\"hello\",\"id\":1,\"name\":\"a\",\"version\":\"1\",\"client\":\"c\"}",
                ErrorCode.BAD_FRAME, "wrong field type: expected an integer at version but was string", 1L);
    }

    @Test
    void numberForStringIsBadFrame() {
        assertClientError("{\"type\":\"send\",\"id\":3,\"to\":5,\"text\":\"x\"}", ErrorCode.BAD_FRAME,
                "wrong field type: expected a string at to but was number", 3L);
        assertClientError("{\"type\":\"send\",\"id\":3,\"to\":\"bob\",\"text\":{\"a\":1}}", ErrorCode.BAD_FRAME,
                "wrong field type: expected a string at text but was begin_object", 3L);
    }

    @Test
    void booleanForNumberIsBadFrame() {
        assertClientError("{\"type\":\"ping\",\"id\":true}", ErrorCode.BAD_FRAME,
                "wrong field type: expected an integer at id but was boolean", null);
    }

    @Test
    void fractionalIdIsBadFrame() {
        assertClientError("{\"type\":\"ping\",\"id\":1.5}", ErrorCode.BAD_FRAME,
                "wrong field type: expected an integer at id but was 1.5", null);
    }

    @Test
    void numberWithAnIntegralValueIsAnInteger() {
        assertEquals(new Ping(100), CODEC.decodeClient(utf8("{\"type\":\"ping\",\"id\":1e2}")));
        assertEquals(new Ping(1), CODEC.decodeClient(utf8("{\"type\":\"ping\",\"id\":1.0}")));
    }

    @Test
    void idAtTheEdgesOfItsRange() {
        assertEquals(new Ping(0), CODEC.decodeClient(utf8("{\"type\":\"ping\",\"id\":0}")));
        assertEquals(new Ping(9007199254740991L),
                CODEC.decodeClient(utf8("{\"type\":\"ping\",\"id\":9007199254740991}")));
    }

    @Test
    void idOutOfRangeIsBadFrameWithoutRe() {
        String message = "field 'id' must be an integer from 0 to 9007199254740991";
        assertClientError("{\"type\":\"ping\",\"id\":9007199254740992}", ErrorCode.BAD_FRAME, message, null);
        assertClientError("{\"type\":\"ping\",\"id\":-1}", ErrorCode.BAD_FRAME, message, null);
        assertClientError("{\"type\":\"ping\",\"id\":18446744073709551616}", ErrorCode.BAD_FRAME,
                "wrong field type: number out of range at id", null);
        assertClientError("{\"type\":\"ping\",\"id\":1e999999999}", ErrorCode.BAD_FRAME,
                "wrong field type: number out of range at id", null);
    }

    @Test
    void reOutOfRangeIsBadFrame() {
        assertClientError("{\"type\":\"pong\",\"re\":-3}", ErrorCode.BAD_FRAME,
                "field 're' must be an integer from 0 to 9007199254740991", null);
    }

    @Test
    void extraFieldsAreIgnored() {
        assertEquals(new Ping(1), CODEC.decodeClient(utf8(
                "{\"type\":\"ping\",\"id\":1,\"extra\":{\"a\":[1,2,{\"b\":null}]},\"z\":null,\"re\":5}")));
        assertEquals(new Send(2, "bob", "hi"), CODEC.decodeClient(utf8(
                "{\"type\":\"send\",\"id\":2,\"to\":\"bob\",\"text\":\"hi\",\"priority\":\"high\"}")));
    }

    @Test
    void overlongClientDescriptionIsBadFrameWithRe() {
        String ok = "c".repeat(128);
        assertEquals(new Hello(1, "a", 1, ok), CODEC.decodeClient(utf8(hello(ok))));
        assertClientError(hello("c".repeat(129)), ErrorCode.BAD_FRAME, "field 'client' has at most 128 characters", 1L);
    }

    @Test
    void helloIsDecodedWhateverTheVersionOrNameSoTheDaemonCanAnswerPrecisely() {
        assertEquals(new Hello(1, "no such name!", 2, "c"), CODEC.decodeClient(utf8(
                "{\"type\":\"hello\",\"id\":1,\"name\":\"no such name!\",\"version\":2,\"client\":\"c\"}")));
    }

    @Test
    void duplicateFieldIsBadFrame() {
        assertClientError("{\"type\":\"ping\",\"type\":\"quit\",\"id\":1}", ErrorCode.BAD_FRAME,
                "duplicate field 'type'", null); // the line broke before its id
        assertClientError("{\"type\":\"ping\",\"id\":1,\"id\":2}", ErrorCode.BAD_FRAME, "duplicate field 'id'", 1L);
    }

    @Test
    void unknownErrorCodeFromTheServerIsNamedAsSuch() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> decodeServer(
                "{\"type\":\"error\",\"re\":1,\"code\":\"NEW_CODE\",\"message\":\"m\"}"));
        // 're' is kept, so the client can fail the request this error answered.
        Lines.assertError(e, ErrorCode.BAD_FRAME, "invalid field: unknown value 'NEW_CODE' at code", 1L);
    }

    @Test
    void unknownLeaveReasonFromTheServerIsNamedAsSuch() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> decodeServer(
                "{\"type\":\"user_left\",\"name\":\"bob\",\"reason\":\"abducted\"}"));
        Lines.assertError(e, ErrorCode.BAD_FRAME, "invalid field: unknown value 'abducted' at reason", null);
    }

    private static ServerFrame decodeServer(String line) {
        return CODEC.decodeServer(utf8(line));
    }

    private static String hello(String client) {
        return "{\"type\":\"hello\",\"id\":1,\"name\":\"a\",\"version\":1,\"client\":\"" + client + "\"}";
    }

    /** A send line with id 9; {@code jsonText} is put between the quotes as is (JSON escapes allowed). */
    private static String send(String jsonText) {
        return "{\"type\":\"send\",\"id\":9,\"to\":\"bob\",\"text\":\"" + jsonText + "\"}";
    }

    private static void assertText(String text) {
        assertText(text, text);
    }

    private static void assertText(String jsonText, String decoded) {
        assertEquals(new Send(9, "bob", decoded), CODEC.decodeClient(utf8(send(jsonText))));
    }

    private static void assertTooLong(String text, int bytes) {
        assertClientError(send(text), ErrorCode.MESSAGE_TOO_LONG,
                "a message has at most 4096 bytes of UTF-8, this one has " + bytes, 9L);
    }

    /** Puts {@code bad} raw bytes into the text of an otherwise valid send. */
    private static void assertBadUtf8(int... bad) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes("{\"type\":\"send\",\"id\":9,\"to\":\"bob\",\"text\":\"ok".getBytes(StandardCharsets.US_ASCII));
        for (int b : bad) {
            line.write(b);
        }
        line.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> CODEC.decodeClient(ByteBuffer.wrap(line.toByteArray())));
        Lines.assertError(e, ErrorCode.BAD_FRAME, "the line is not valid UTF-8", 9L); // the id came before the bad bytes
    }

    // --- echoes of client text (issue 12, rows 13 and 14) ---

    @Test
    void aDuplicatedThirtyThousandCharacterFieldNameIsEchoedAsSixtyFourCharacters() {
        String name = "f".repeat(30_000);
        String line = "{\"type\":\"ping\",\"id\":1,\"" + name + "\":1,\"" + name + "\":2}";
        assertClientError(line, ErrorCode.BAD_FRAME, "duplicate field '" + "f".repeat(64) + "…'", 1L); // the id came before the break (section 3)
    }

    @Test
    void aLongUnknownTypeIsEchoedAsSixtyFourCharacters() {
        assertClientError("{\"type\":\"" + "t".repeat(10_000) + "\",\"id\":8}", ErrorCode.UNKNOWN_TYPE,
                "unknown frame type '" + "t".repeat(64) + "…'", 8L);
    }

    @Test
    void anUnknownTypeWithTerminalEscapesAndSeparatorsIsEchoedEscaped() {
        assertClientError("{\"type\":\"\\u001b[2Jx\\u2028y\\u0085z\",\"id\":8}", ErrorCode.UNKNOWN_TYPE,
                "unknown frame type '\\u001B[2Jx\\u2028y\\u0085z'", 8L);
    }

    @Test
    void aLongUnknownEnumValueIsEchoedAsSixtyFourCharacters() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> decodeServer(
                "{\"type\":\"user_left\",\"name\":\"bob\",\"reason\":\"" + "r".repeat(5_000) + "\"}"));
        Lines.assertError(e, ErrorCode.BAD_FRAME, "invalid field: unknown value '" + "r".repeat(64) + "…' at reason", null);
    }
}
