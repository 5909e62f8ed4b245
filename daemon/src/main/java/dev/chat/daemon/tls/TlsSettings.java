package dev.chat.daemon.tls;

import java.nio.file.Path;

/**
 * How the daemon speaks TLS: a certificate chain and key from files, or (both null) a self-signed
 * certificate it makes and keeps in its data directory; and whether plaintext is refused.
 *
 * @param certificate PEM chain, leaf first (certbot's {@code fullchain.pem}); null with {@code key}
 * @param key         PEM private key: PKCS#8, RSA or EC (certbot's {@code privkey.pem}); null with {@code certificate}
 * @param required    refuse connections that do not start a TLS handshake ({@code TLS_REQUIRED})
 */
public record TlsSettings(Path certificate, Path key, boolean required) {
    /** A self-signed certificate, plaintext allowed: the default. */
    public static final TlsSettings DEFAULTS = new TlsSettings(null, null, false);

    public TlsSettings {
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
    }

    public TlsSettings withRequired(boolean value) {
        return new TlsSettings(certificate, key, value);
    }

    public TlsSettings withFiles(Path newCertificate, Path newKey) {
        return new TlsSettings(newCertificate, newKey, required);
    }
}
