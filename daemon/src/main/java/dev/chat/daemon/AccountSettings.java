package dev.chat.daemon;

import dev.chat.daemon.store.Argon2id;
import dev.chat.wire.Limits;

import java.time.Duration;

/**
 * How the daemon treats names and history around a session.
 *
 * @param nameGrace       how long a vanished session's name stays held for its resume token (0: not held)
 * @param historyOnJoin   room messages, and separately own private messages, replayed to a joiner
 * @param plaintextLogin  accept passwords on plaintext connections from loopback addresses
 * @param argon2          the password hash's cost (tests lower it; the daemon uses OWASP's)
 */
public record AccountSettings(Duration nameGrace, int historyOnJoin, boolean plaintextLogin, Argon2id.Params argon2) {
    public static final AccountSettings DEFAULTS = new AccountSettings(Duration.ofSeconds(60), 50, false, Argon2id.OWASP);

    public AccountSettings {
        if (nameGrace == null || nameGrace.isNegative()) {
            throw new IllegalArgumentException("the name grace must be 0 or more");
        }
        if (historyOnJoin < 0 || historyOnJoin > Limits.MAX_HISTORY) {
            throw new IllegalArgumentException("history on join must be 0.." + Limits.MAX_HISTORY);
        }
        if (argon2 == null) {
            throw new IllegalArgumentException("argon2 parameters are required");
        }
    }

    public AccountSettings withNameGrace(Duration value) {
        return new AccountSettings(value, historyOnJoin, plaintextLogin, argon2);
    }

    public AccountSettings withHistoryOnJoin(int value) {
        return new AccountSettings(nameGrace, value, plaintextLogin, argon2);
    }

    public AccountSettings withPlaintextLogin(boolean value) {
        return new AccountSettings(nameGrace, historyOnJoin, value, argon2);
    }

    public AccountSettings withArgon2(Argon2id.Params value) {
        return new AccountSettings(nameGrace, historyOnJoin, plaintextLogin, value);
    }
}
