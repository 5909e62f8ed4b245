package dev.chat.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static dev.chat.wire.Lines.assertClientError;
import static dev.chat.wire.Lines.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * PROTOCOL.md section 3: an error carries {@code re} whenever the line had a readable id, even when
 * the line is not well-formed JSON. An id is readable when a top-level id member was read whole
 * before the first thing that broke the line.
 */
final class ReadableIdTest {
    @ParameterizedTest(name = "{0} -> re {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            {"id":5,"type":                          | 5
            {"id":5,"type":"ping"                    | 5
            {"id":5,"type":"ping",}                  | 5
            {"id":5,"type":'ping'}                   | 5
            {"type":"ping","id":5} trailing          | 5
            {"id":5,"id":6,"type":"ping"}            | 5
            {"id":5,"a":{"b":1,"b":2},"type":"ping"} | 5
            {"type":"ping","type":"quit","id":5}     | none
            {"a":{"b":1,"b":2},"id":5}               | none
            {"a":tru,"id":5}                         | none
            {"id":"5","type":                        | none
            {"id":5.5,"type":                        | none
            {"id":-1,"type":                         | none
            {"id":9007199254740992,"type":           | none
            {"id":5x,"type":"ping"}                  | none
            {"a":{"id":5},"type":                    | none
            [{"id":5}]                               | none
            """)
    void aBrokenLineKeepsTheIdReadBeforeItBroke(String line, Long re) {
        ProtocolException e = Lines.clientError(line);
        assertEquals(ErrorCode.BAD_FRAME, e.code());
        assertEquals(re == null ? "none" : re.toString(), e.re().isPresent() ? Long.toString(e.re().getAsLong()) : "none",
                e::toString);
    }

    @Test
    void invalidUtf8AfterTheIdKeepsTheId() {
        byte[] line = concat("{\"type\":\"ping\",\"id\":7,\"x\":\"", new byte[] {(byte) 0xC0, (byte) 0x80}, "\"}");
        ProtocolException e = assertThrows(ProtocolException.class, () -> JsonCodec.instance().decodeClient(ByteBuffer.wrap(line)));
        Lines.assertError(e, ErrorCode.BAD_FRAME, "the line is not valid UTF-8", 7L);
    }

    @Test
    void invalidUtf8BeforeTheIdLeavesNoRe() {
        byte[] line = concat("{\"x\":\"", new byte[] {(byte) 0xFF}, "\",\"type\":\"ping\",\"id\":7}");
        ProtocolException e = assertThrows(ProtocolException.class, () -> JsonCodec.instance().decodeClient(ByteBuffer.wrap(line)));
        Lines.assertError(e, ErrorCode.BAD_FRAME, "the line is not valid UTF-8", null);
    }

    @Test
    void aByteOrderMarkStartingALineIsBadFrameBeforeAnyId() {
        assertClientError("\uFEFF{\"type\":\"ping\",\"id\":1}", ErrorCode.BAD_FRAME,
                "a byte-order mark may not start a JSON line", null);
    }

    @Test
    void aByteOrderMarkInsideAStringIsText() {
        assertEquals(new dev.chat.wire.frame.Send(1, "bob", "a\uFEFFb"), JsonCodec.instance().decodeClient(
                utf8("{\"type\":\"send\",\"id\":1,\"to\":\"bob\",\"text\":\"a\uFEFFb\"}")));
    }

    @Test
    void aCarriageReturnIsNotJsonWhitespaceHere() {
        assertClientError("{\"type\":\"ping\",\r\"id\":1}", ErrorCode.BAD_FRAME,
                "a carriage return may only end a line, not stand at column 16", null);
        assertClientError("{\"type\":\"ping\",\"id\":1}\r", ErrorCode.BAD_FRAME,
                "a carriage return may only end a line, not stand at column 23", 1L);
        assertClientError("{\"id\":1,\"type\":\"ping\"\r}", ErrorCode.BAD_FRAME,
                "a carriage return may only end a line, not stand at column 22", 1L);
    }

    @Test
    void aDaemonLineKeepsItsReTheSameWay() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> JsonCodec.instance().decodeServer(utf8("{\"type\":\"pong\",\"re\":4,\"re\":5}")));
        Lines.assertError(e, ErrorCode.BAD_FRAME, "duplicate field 're'", 4L);
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(StandardCharsets.US_ASCII);
        byte[] c = after.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(middle, 0, out, a.length, middle.length);
        System.arraycopy(c, 0, out, a.length + middle.length, c.length);
        return out;
    }
}
