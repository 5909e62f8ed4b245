package dev.chat.wire.frame;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.Limits;
import dev.chat.wire.ProtocolException;

import java.util.regex.Pattern;

/** Checks shared by the download frames. */
final class Transfers {
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern KEY = SHA256; // 256 bits in lower-case hex, like a SHA-256

    private Transfers() {
    }

    static void checkOffset(String field, long value, Long re) {
        if (value < 0 || value > Limits.MAX_ID) {
            throw new ProtocolException(ErrorCode.BAD_FRAME,
                    "field '" + field + "' must be an integer from 0 to " + Limits.MAX_ID, re);
        }
    }

    static void checkToken(String token, Long re) {
        Ids.required("token", token);
        if (!TOKEN.matcher(token).matches()) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "field 'token' must be 32 lower-case hex digits", re);
        }
    }

    static void checkKey(String key, Long re) {
        if (!KEY.matcher(key).matches()) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "field 'key' must be 64 lower-case hex digits", re);
        }
    }

    static void checkSha256(String sha256, Long re) {
        Ids.required("sha256", sha256);
        if (!SHA256.matcher(sha256).matches()) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "field 'sha256' must be 64 lower-case hex digits", re);
        }
    }

    static void checkTransfer(long transfer, Long re) {
        if (transfer < 1 || transfer > Limits.MAX_ID) {
            throw new ProtocolException(ErrorCode.BAD_FRAME,
                    "field 'transfer' must be an integer from 1 to " + Limits.MAX_ID, re);
        }
    }
}
