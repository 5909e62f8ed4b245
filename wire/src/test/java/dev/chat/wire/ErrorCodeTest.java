package dev.chat.wire;

import dev.chat.wire.frame.ErrorFrame;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Error codes: wire names, lookup, which are fatal. */
final class ErrorCodeTest {
    @Test
    void everyCodeIsFoundByItsWireName() {
        for (ErrorCode code : ErrorCode.values()) {
            assertEquals(code, ErrorCode.fromWire(code.name()));
            assertFalse(code.defaultMessage().isBlank());
        }
    }

    @Test
    void unknownWireNameIsAnIllegalArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ErrorCode.fromWire("NOPE"));
        assertEquals("unknown error code: NOPE", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ErrorCode.fromWire("bad_frame"));
        assertThrows(IllegalArgumentException.class, () -> ErrorCode.fromWire(""));
    }

    @Test
    void exactlyTheseCodesAreFatal() {
        Set<ErrorCode> fatal = EnumSet.of(ErrorCode.LINE_TOO_LONG, ErrorCode.TOO_MANY_BAD_FRAMES,
                ErrorCode.SERVER_FULL, ErrorCode.TOO_MANY_CONNECTIONS, ErrorCode.PROTOCOL_VERSION, ErrorCode.HELLO_TIMEOUT, ErrorCode.INTERNAL,
                ErrorCode.TLS_REQUIRED, ErrorCode.SESSION_REPLACED);
        for (ErrorCode code : ErrorCode.values()) {
            assertEquals(fatal.contains(code), code.fatal(), code.name());
        }
    }

    @Test
    void theProtocolHasThirtyEightCodes() {
        assertEquals(38, ErrorCode.values().length, "PROTOCOL.md lists every code; update it with this test");
    }

    @Test
    void errorFrameRoundTripsAnExceptionWithAndWithoutRe() {
        ProtocolException withRe = new ProtocolException(ErrorCode.RATE_LIMITED, "slow down", 12L);
        ErrorFrame frame = ErrorFrame.of(withRe);
        assertEquals(new ErrorFrame(12L, ErrorCode.RATE_LIMITED, "slow down"), frame);
        assertEquals(12L, frame.toException().re().getAsLong());
        ErrorFrame noRe = ErrorFrame.of(new ProtocolException(ErrorCode.BAD_FRAME, "empty line"));
        assertEquals(null, noRe.re());
        assertTrue(noRe.toException().re().isEmpty());
        assertEquals("BAD_FRAME: empty line", noRe.toException().toString());
    }

    @Test
    void withReAttributesAnErrorToARequest() {
        ProtocolException e = new ProtocolException(ErrorCode.NAME_INVALID, "x").withRe(3);
        assertEquals(ErrorCode.NAME_INVALID, e.code());
        assertEquals("x", e.getMessage());
        assertEquals(3, e.re().getAsLong());
    }
}
