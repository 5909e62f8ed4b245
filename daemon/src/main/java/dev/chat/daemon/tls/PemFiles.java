package dev.chat.daemon.tls;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * PEM files as certbot and {@code openssl} write them: a chain of {@code CERTIFICATE} blocks, leaf
 * first, and an unencrypted key ({@code PRIVATE KEY}, {@code RSA PRIVATE KEY} or
 * {@code EC PRIVATE KEY}). Parsed with Bouncy Castle; the keys become JDK keys (no provider is
 * registered).
 */
final class PemFiles {
    private PemFiles() {
    }

    static TlsIdentity load(Path certificateFile, Path keyFile) throws IOException {
        List<X509Certificate> chain = certificates(certificateFile);
        PrivateKey key = privateKey(keyFile);
        try {
            return new TlsIdentity(key, chain);
        } catch (GeneralSecurityException e) {
            throw new IOException(certificateFile + " and " + keyFile + ": " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> certificates(Path file) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(in)) {
            for (Object block = pem.readObject(); block != null; block = pem.readObject()) {
                if (block instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException(file + ": not a PEM certificate chain: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException(file + ": no CERTIFICATE block (expected PEM, as certbot's fullchain.pem)");
        }
        return chain;
    }

    static PrivateKey privateKey(Path file) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(in)) {
            for (Object block = pem.readObject(); block != null; block = pem.readObject()) {
                switch (block) {
                    case PrivateKeyInfo info -> {
                        return converter.getPrivateKey(info);
                    }
                    case PEMKeyPair pair -> {
                        return converter.getPrivateKey(pair.getPrivateKeyInfo()); // an EC key may omit its public half
                    }
                    case PKCS8EncryptedPrivateKeyInfo encrypted -> throw encrypted(file);
                    case PEMEncryptedKeyPair encrypted -> throw encrypted(file);
                    default -> { } // parameters (EC PARAMETERS) or certificates next to the key
                }
            }
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a PEM private key: " + e.getMessage(), e);
        }
        throw new IOException(file + ": no PRIVATE KEY block (expected PEM, as certbot's privkey.pem)");
    }

    private static IOException encrypted(Path file) {
        return new IOException(file + ": the key is encrypted; chatd needs it unencrypted"
                + " (openssl pkey -in KEY -out PLAIN.pem), readable by the daemon's user only");
    }
}
