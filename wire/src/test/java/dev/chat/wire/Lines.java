package dev.chat.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Test helpers: lines as bytes, and the exact shape of a decoding failure. */
final class Lines {
    private Lines() {
    }

    static ByteBuffer utf8(String line) {
        return ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
    }

    static String text(ByteBuffer line) {
        return StandardCharsets.UTF_8.decode(line.duplicate()).toString();
    }

    static ProtocolException clientError(String line) {
        return assertThrows(ProtocolException.class, () -> JsonCodec.instance().decodeClient(utf8(line)));
    }

    /** Asserts the exact code, message and {@code re} (null: none) of decoding {@code line} as a client frame. */
    static void assertClientError(String line, ErrorCode code, String message, Long re) {
        assertError(clientError(line), code, message, re);
    }

    static void assertError(ProtocolException e, ErrorCode code, String message, Long re) {
        assertEquals(code, e.code(), e::toString);
        assertEquals(message, e.getMessage());
        assertEquals(re == null ? "none" : re.toString(),
                e.re().isPresent() ? Long.toString(e.re().getAsLong()) : "none", "re");
    }
}
