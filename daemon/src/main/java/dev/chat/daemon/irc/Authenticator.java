package dev.chat.daemon.irc;

/**
 * Checks SASL PLAIN credentials against the daemon's accounts, for one connection (its address and
 * whether it is encrypted decide, as for a {@code hello} with a password). Called on the
 * connection's reader thread, which waits for the password hash.
 */
public interface Authenticator {
    /** Whether this connection may send a password at all (TLS, or the {@code --plaintext-login} rule). */
    boolean acceptsPasswords();

    /**
     * The account's display name when {@code password} is right for the account {@code account}.
     *
     * @throws dev.chat.wire.ProtocolException why not: {@code NOT_REGISTERED}, {@code WRONG_PASSWORD},
     *                                         {@code THROTTLED}, {@code PLAINTEXT_LOGIN}, ...
     */
    String verify(String account, String password);
}
