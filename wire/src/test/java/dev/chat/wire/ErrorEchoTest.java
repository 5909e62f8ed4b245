package dev.chat.wire;

import dev.chat.wire.frame.ErrorFrame;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Found by fuzzing: error messages must not repeat a peer's long text back to it. */
final class ErrorEchoTest {
    private static ErrorFrame decodeError(String line) {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> JsonCodec.instance().decodeClient(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8))));
        return ErrorFrame.of(e);
    }

    @Test
    void aLongUnknownTypeIsCutShortInTheError() {
        ErrorFrame error = decodeError("{\"type\":\"" + "t".repeat(60_000) + "\",\"id\":3}");
        assertEquals(ErrorCode.UNKNOWN_TYPE, error.code());
        assertEquals(3L, error.re());
        assertTrue(JsonCodec.instance().encodeFrame(error).length < 200);
    }

    @Test
    void aTypeOfLineSeparatorsStillGetsAnEncodableError() {
        // Raw U+2028 is 3 bytes in, but Gson writes it as a 6-byte escape: echoed whole, the reply
        // would pass the line limit and fail to encode, so the daemon would send nothing.
        ErrorFrame error = decodeError("{\"type\":\"" + "\u2028".repeat(21_000) + "\"}");
        assertTrue(JsonCodec.instance().encodeFrame(error).length < 600);
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        ErrorFrame error = decodeError("{\"type\":\"" + "a".repeat(63) + "\uD835\uDC9C".repeat(10) + "\"}");
        String message = error.message();
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            assertTrue(!Character.isSurrogate(c) || Character.isHighSurrogate(c)
                    && i + 1 < message.length() && Character.isLowSurrogate(message.charAt(i + 1)) || Character.isLowSurrogate(c));
        }
    }
}
