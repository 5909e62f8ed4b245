package dev.chat.daemon.tls;

import dev.chat.wire.Fingerprint;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The daemon's TLS identity: a private key and its certificate chain, leaf first. Loaded from
 * {@code --tls-cert}/{@code --tls-key} by {@link PemFiles}, or made and kept by {@link SelfSigned}.
 */
public final class TlsIdentity {
    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final String fingerprint;

    TlsIdentity(PrivateKey key, List<X509Certificate> chain) throws GeneralSecurityException {
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no certificate");
        }
        this.key = key;
        this.chain = List.copyOf(chain);
        requireMatchingKey(key, this.chain.getFirst());
        this.fingerprint = Fingerprint.of(this.chain.getFirst().getEncoded());
    }

    /**
     * The identity {@code settings} name: the PEM files, or the self-signed certificate kept in
     * {@code dataDir} (made on first use). Without files and without a data directory (tests, embedded
     * daemons) it is one certificate made in memory for the life of this JVM.
     *
     * @throws TlsSetupException naming the file that is missing, unreadable or not what it should be
     */
    public static TlsIdentity load(TlsSettings settings, java.nio.file.Path dataDir) throws TlsSetupException {
        try {
            if (settings.certificate() != null) {
                return PemFiles.load(settings.certificate(), settings.key());
            }
            return dataDir == null ? SelfSigned.ephemeral() : SelfSigned.keptIn(dataDir);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TlsSetupException("no such file: " + e.getFile(), e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new TlsSetupException("permission denied: " + e.getFile(), e);
        } catch (IOException e) {
            throw new TlsSetupException(e.getMessage(), e);
        }
    }

    /** {@code SHA256:} and base64 of the leaf certificate's DER (PROTOCOL.md 1.1). */
    public String fingerprint() {
        return fingerprint;
    }

    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /** An in-memory key store holding the key and chain, for a {@code KeyManagerFactory}. */
    KeyStore keyStore(char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("chatd", key, password, chain.toArray(X509Certificate[]::new));
        return store;
    }

    /** A certificate whose public key is not the key's would fail every handshake; say so at start-up instead. */
    private static void requireMatchingKey(PrivateKey key, X509Certificate leaf) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new GeneralSecurityException("unsupported key type " + key.getAlgorithm());
        };
        byte[] probe = "chatd key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        try {
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another type than the certificate's: the same answer
        }
        throw new GeneralSecurityException("the private key does not belong to the certificate "
                + leaf.getSubjectX500Principal().getName());
    }

    /** The private key, for {@link SelfSigned} to write once. */
    PrivateKey privateKey() {
        return key;
    }
}
