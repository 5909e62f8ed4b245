package dev.chat.daemon.tls;

import dev.chat.wire.Fingerprint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where the daemon's certificate comes from: kept self-signed, or PEM files as openssl and certbot write them. */
@Timeout(60)
final class TlsIdentityTest {
    @TempDir
    Path dir;

    @Test
    void theSelfSignedCertificateIsMadeOnceKeptWithAPrivateKeyAndLoadedAgain() throws Exception {
        Path data = dir.resolve("data");
        TlsIdentity first = TlsIdentity.load(TlsSettings.DEFAULTS, data);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("tls-key.pem"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertTrue(Files.readString(data.resolve("tls-cert.pem")).startsWith("-----BEGIN CERTIFICATE-----"));
        TlsIdentity again = TlsIdentity.load(TlsSettings.DEFAULTS, data);
        assertEquals(first.fingerprint(), again.fingerprint());
        assertTrue(Fingerprint.isValid(first.fingerprint()), first.fingerprint());
        assertEquals(Fingerprint.of(PemFiles.certificates(data.resolve("tls-cert.pem")).getFirst().getEncoded()),
                first.fingerprint());
    }

    @Test
    void aKeptCertificateWithoutItsKeyIsAnErrorNotASilentNewCertificate() throws IOException {
        Path data = dir.resolve("data");
        TlsIdentity.load(TlsSettings.DEFAULTS, data);
        Files.delete(data.resolve("tls-key.pem"));
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> TlsIdentity.load(TlsSettings.DEFAULTS, data));
        assertTrue(e.getMessage().startsWith("only one of "), e.getMessage());
    }

    @Test
    void pemFilesFromOpensslLoadInEveryKeyFormatWithTheCertificatesFingerprint() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        for (List<String> keyType : List.of(List.of("rsa:2048"), List.of("ec", "-pkeyopt", "ec_paramgen_curve:P-256"))) {
            Path cert = dir.resolve("cert.pem");
            Path key = dir.resolve("key.pem");
            openssl(cert, key, keyType);
            TlsIdentity identity = TlsIdentity.load(new TlsSettings(cert, key, false), null);
            assertEquals(Fingerprint.of(der(cert)), identity.fingerprint());
            // The traditional forms (BEGIN RSA PRIVATE KEY / BEGIN EC PRIVATE KEY) load too.
            Path traditional = dir.resolve("traditional.pem");
            run("openssl", "pkey", "-in", key.toString(), "-traditional", "-out", traditional.toString());
            assertTrue(Files.readString(traditional).matches("(?s)-----BEGIN (RSA|EC) PRIVATE KEY-----.*"));
            assertEquals(identity.fingerprint(), TlsIdentity.load(new TlsSettings(cert, traditional, false), null).fingerprint());
        }
    }

    @Test
    void aKeyOfAnotherCertificateAnEncryptedKeyAndAMissingFileAreClearErrors() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        openssl(cert, key, List.of("ec", "-pkeyopt", "ec_paramgen_curve:P-256"));
        Path otherCert = dir.resolve("other-cert.pem");
        Path otherKey = dir.resolve("other-key.pem");
        openssl(otherCert, otherKey, List.of("ec", "-pkeyopt", "ec_paramgen_curve:P-256"));
        assertNotEquals(Fingerprint.of(der(cert)), Fingerprint.of(der(otherCert)));
        TlsSetupException mismatch = assertThrows(TlsSetupException.class,
                () -> TlsIdentity.load(new TlsSettings(cert, otherKey, false), null));
        assertTrue(mismatch.getMessage().contains("the private key does not belong to the certificate"), mismatch.getMessage());

        Path encrypted = dir.resolve("encrypted.pem");
        run("openssl", "pkey", "-in", key.toString(), "-aes256", "-passout", "pass:secret", "-out", encrypted.toString());
        TlsSetupException locked = assertThrows(TlsSetupException.class,
                () -> TlsIdentity.load(new TlsSettings(cert, encrypted, false), null));
        assertTrue(locked.getMessage().contains("the key is encrypted"), locked.getMessage());

        TlsSetupException missing = assertThrows(TlsSetupException.class,
                () -> TlsIdentity.load(new TlsSettings(dir.resolve("nope.pem"), key, false), null));
        assertEquals("no such file: " + dir.resolve("nope.pem"), missing.getMessage());
        TlsSetupException notPem = assertThrows(TlsSetupException.class,
                () -> TlsIdentity.load(new TlsSettings(key, key, false), null));
        assertTrue(notPem.getMessage().contains("no CERTIFICATE block"), notPem.getMessage());
    }

    static void openssl(Path cert, Path key, List<String> keyType) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl", "req", "-x509", "-newkey"));
        command.add(keyType.getFirst());
        command.addAll(keyType.subList(1, keyType.size()));
        command.addAll(List.of("-nodes", "-days", "2", "-subj", "/CN=chat.example", "-keyout", key.toString(),
                "-out", cert.toString()));
        run(command.toArray(String[]::new));
    }

    static byte[] der(Path pemCertificate) throws Exception {
        try (InputStream in = Files.newInputStream(pemCertificate)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }
}
