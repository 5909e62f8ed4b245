package dev.chat.wire.frame;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.Limits;
import dev.chat.wire.ProtocolException;

/** Range checks shared by the frame records. */
final class Ids {
    private Ids() {
    }

    static long check(String field, long value) {
        if (value < 0 || value > Limits.MAX_ID) {
            throw new ProtocolException(ErrorCode.BAD_FRAME,
                    "field '" + field + "' must be an integer from 0 to " + Limits.MAX_ID);
        }
        return value;
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "missing field '" + field + "'");
        }
        return value;
    }
}
