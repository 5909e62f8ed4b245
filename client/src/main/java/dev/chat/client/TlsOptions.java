package dev.chat.client;

import dev.chat.wire.Fingerprint;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a TLS connection decides to trust the daemon (see {@link ServerTrust}).
 *
 * @param caFile      PEM certificates to trust instead of the system's (no trust on first use then); may be null
 * @param fingerprint the certificate the user vouches for ({@code --tls-fingerprint SHA256:...}); may be null
 * @param knownHosts  servers trusted on first use before
 * @param decision    asks about a server neither a CA, the pin nor the known hosts vouch for
 */
public record TlsOptions(Path caFile, String fingerprint, KnownHosts knownHosts, TrustDecision decision) {
    public TlsOptions {
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(decision, "decision");
        if (fingerprint != null && !Fingerprint.isValid(fingerprint)) {
            throw new IllegalArgumentException("not a fingerprint (SHA256: and 43 base64 characters): " + fingerprint);
        }
    }
}
