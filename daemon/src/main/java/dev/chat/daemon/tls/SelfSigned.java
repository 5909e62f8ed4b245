package dev.chat.daemon.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The certificate chatd makes for itself when it is given none: an ECDSA P-256 key and a
 * self-signed certificate ({@code CN=chatd}, valid 20 years: clients pin it by fingerprint, so
 * expiry would only break them). Kept as {@code tls-cert.pem} and {@code tls-key.pem} (mode 0600)
 * in the data directory, so the fingerprint users accepted stays the same across restarts.
 */
final class SelfSigned {
    static final String CERT_FILE = "tls-cert.pem";
    static final String KEY_FILE = "tls-key.pem";
    private static final System.Logger LOG = System.getLogger(SelfSigned.class.getName());
    private static final Duration VALIDITY = Duration.ofDays(20 * 365);

    private SelfSigned() {
    }

    /** The kept certificate in {@code dataDir}; made there (and the folder, mode 0700) on first use. */
    static synchronized TlsIdentity keptIn(Path dataDir) throws IOException {
        Path cert = dataDir.resolve(CERT_FILE);
        Path key = dataDir.resolve(KEY_FILE);
        boolean hasCert = Files.exists(cert);
        if (hasCert && Files.exists(key)) {
            return PemFiles.load(cert, key);
        }
        if (hasCert || Files.exists(key)) {
            throw new IOException("only one of " + cert + " and " + key + " exists: restore the other,"
                    + " or remove both to make a new certificate (clients will see a changed fingerprint)");
        }
        Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        TlsIdentity identity = make();
        // The key first and never readable by others; the certificate last, so a crash in between
        // leaves the "only one exists" state above, which says what to do.
        writeAtomically(key, pem(new JcaPKCS8Generator(identity.privateKey(), null)), "rw-------");
        writeAtomically(cert, pem(identity.certificate()), "rw-r--r--");
        LOG.log(Level.INFO, "made a self-signed TLS certificate " + cert + ", fingerprint " + identity.fingerprint());
        return identity;
    }

    /** One certificate in memory for this JVM: daemons started without a data directory (tests). */
    static TlsIdentity ephemeral() {
        return Ephemeral.IDENTITY;
    }

    private static final class Ephemeral {
        static final TlsIdentity IDENTITY;

        static {
            try {
                IDENTITY = make();
            } catch (IOException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    static TlsIdentity make() throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=chatd");
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(VALIDITY)), name, pair.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new TlsIdentity(pair.getPrivate(), List.of(certificate));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    /** PEM text; the key as PKCS#8 ({@code BEGIN PRIVATE KEY}), which keeps the EC curve with the key. */
    private static String pem(Object value) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(value);
        }
        return text.toString();
    }

    /** Written to a temporary file created with its final mode, then renamed: never seen half-written or open. */
    private static void writeAtomically(Path target, String content, String mode) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another process is writing " + target, e);
        }
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target);
        }
    }
}
