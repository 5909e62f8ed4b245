package dev.chat.client;

/**
 * Asks whoever runs the client whether to trust a server seen for the first time, as ssh asks about
 * a new host key: line mode prompts, the full-screen client shows a dialog, script mode answers from
 * {@code --tls-fingerprint}. Called on the connecting thread, during the TLS handshake; may block.
 */
@FunctionalInterface
public interface TrustDecision {
    /** Refuses every unknown server: only known hosts, a pinned fingerprint or a CA are trusted. */
    TrustDecision REFUSE = (hostPort, fingerprint) -> false;

    /** True to trust the certificate with {@code fingerprint} (PROTOCOL.md 1.1) for {@code hostPort} and remember it. */
    boolean trustNewServer(String hostPort, String fingerprint);
}
