package dev.chat.wire.frame;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.Limits;
import dev.chat.wire.ProtocolException;

/** The wire's one rule for a password field: 1..{@link Limits#MAX_PASSWORD_CHARS} characters. */
final class Passwords {
    private Passwords() {
    }

    static void checkLength(String field, String password, long id) {
        if (password.isEmpty() || password.length() > Limits.MAX_PASSWORD_CHARS) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "field '" + field + "' has 1 to "
                    + Limits.MAX_PASSWORD_CHARS + " characters", id);
        }
    }
}
