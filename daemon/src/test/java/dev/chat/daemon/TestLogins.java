package dev.chat.daemon;

import dev.chat.daemon.store.Accounts;
import dev.chat.daemon.store.Argon2id;
import dev.chat.daemon.store.LoginThrottle;
import dev.chat.daemon.store.PasswordHasher;

import java.time.InstantSource;

/** Account rules for tests without a server: the registry's store, cheap hashes, plaintext allowed on loopback. */
final class TestLogins {
    /** Argon2id at the lowest cost it takes: the rules under test are the daemon's, not the hash's strength. */
    static final Argon2id.Params CHEAP = new Argon2id.Params(64, 1, 1);

    private TestLogins() {
    }

    static Logins plaintextAllowed(UserRegistry registry) {
        var store = registry.history().store();
        return new Logins(store, new Accounts(store, new PasswordHasher(1, 8, CHEAP),
                LoginThrottle.ergo(InstantSource.system()), InstantSource.system()), true);
    }
}
