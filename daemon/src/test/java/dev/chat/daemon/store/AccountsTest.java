package dev.chat.daemon.store;

import dev.chat.daemon.store.Accounts.Login;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Accounts against the {@link ChatStore} interface: what it asks the store, not how the store keeps it. */
class AccountsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final ChatStore store = mock(ChatStore.class);
    private final PasswordHasher hasher = new PasswordHasher(1, 8, new Argon2id.Params(64, 1, 1));
    private final InstantSource clock = InstantSource.fixed(T0);
    private final Accounts accounts = new Accounts(store, hasher, LoginThrottle.ergo(clock), clock);

    @AfterEach
    void stop() {
        hasher.close();
    }

    @Test
    void registeringStoresAnArgon2idHashAndNeverThePassword() {
        when(store.account("bob")).thenReturn(Optional.empty());
        when(store.register(any())).thenReturn(CompletableFuture.completedFuture(null));
        accounts.register("bob", "Bob", "hunter2".toCharArray()).join();
        verify(store).register(argThat(a -> a.key().equals("bob") && a.displayName().equals("Bob") && !a.locked()
                && a.created().equals(T0) && a.passwordHash().startsWith("$argon2id$")
                && !a.passwordHash().contains("hunter2") && Argon2id.verify("hunter2".toCharArray(), a.passwordHash())));
    }

    @Test
    void aTakenNameIsNotHashedOrWrittenAgain() {
        when(store.account("bob")).thenReturn(Optional.of(account(false)));
        var e = assertThrowsCause(accounts.register("bob", "Bob", "x".toCharArray()));
        assertEquals(StoreException.Reason.ALREADY_REGISTERED, e.reason());
        verify(store, never()).register(any());
    }

    @Test
    void loginsAreOkWrongLockedOrUnknown() {
        when(store.account("bob")).thenReturn(Optional.of(account(false)));
        when(store.account("eve")).thenReturn(Optional.of(new Account("eve", "Eve", hash("pw"), true, T0)));
        when(store.account("guest")).thenReturn(Optional.empty());
        assertEquals(Login.OK, accounts.login("bob", "hunter2".toCharArray(), "192.0.2.1").join());
        assertEquals(Login.WRONG_PASSWORD, accounts.login("bob", "hunter3".toCharArray(), "192.0.2.1").join());
        assertEquals(Login.LOCKED, accounts.login("eve", "pw".toCharArray(), "192.0.2.1").join());
        assertEquals(Login.NOT_REGISTERED, accounts.login("guest", "pw".toCharArray(), "192.0.2.1").join());
    }

    @Test
    void theFourthWrongPasswordInAMinuteIsThrottledEvenIfRight() {
        when(store.account("bob")).thenReturn(Optional.of(account(false)));
        for (int i = 0; i < 3; i++) {
            assertEquals(Login.WRONG_PASSWORD, accounts.login("bob", "guess".toCharArray(), "10.0.0." + i).join());
        }
        assertEquals(Login.THROTTLED, accounts.login("bob", "hunter2".toCharArray(), "10.0.0.9").join());
    }

    @Test
    void changingThePasswordNeedsTheOldOneAndStoresANewHash() {
        when(store.account("bob")).thenReturn(Optional.of(account(false)));
        when(store.changePassword(eq("bob"), anyString())).thenReturn(CompletableFuture.completedFuture(null));
        assertEquals(Login.WRONG_PASSWORD,
                accounts.changePassword("bob", "nope".toCharArray(), "new".toCharArray(), "192.0.2.1").join());
        verify(store, never()).changePassword(anyString(), anyString());
        assertEquals(Login.OK,
                accounts.changePassword("bob", "hunter2".toCharArray(), "new".toCharArray(), "192.0.2.1").join());
        verify(store).changePassword(eq("bob"), argThat(h -> Argon2id.verify("new".toCharArray(), h)));
    }

    @Test
    void aFullHashingPoolRefusesWithOverloaded() throws Exception {
        try (PasswordHasher tiny = new PasswordHasher(1, 1, Argon2id.OWASP)) {
            var futures = new java.util.ArrayList<CompletableFuture<String>>();
            for (int i = 0; i < 4; i++) {
                futures.add(tiny.hash("x".toCharArray()));
            }
            assertTrue(futures.stream().anyMatch(f -> f.isCompletedExceptionally()
                    && assertThrowsCause(f).reason() == StoreException.Reason.OVERLOADED));
        }
    }

    private static Account account(boolean locked) {
        return new Account("bob", "Bob", hash("hunter2"), locked, T0);
    }

    private static String hash(String password) {
        return Argon2id.encode(password.toCharArray(), new Argon2id.Params(64, 1, 1));
    }

    private static StoreException assertThrowsCause(CompletableFuture<?> f) {
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CompletionException.class, f::join);
        return (StoreException) e.getCause();
    }

}
