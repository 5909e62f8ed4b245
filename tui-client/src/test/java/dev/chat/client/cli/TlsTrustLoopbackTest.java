package dev.chat.client.cli;

import dev.chat.wire.Fingerprint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** chat over TLS against a real daemon: trust on first use in script mode, known hosts, a changed certificate, /get. */
@Timeout(30)
class TlsTrustLoopbackTest extends DaemonFixture {
    private Path history;
    private Path knownHosts;

    @BeforeEach
    void startDaemon() throws Exception {
        start();
        history = work.resolve("history");
        knownHosts = work.resolve("known_hosts"); // Environment.of keeps it beside the history
    }

    private CliRun chat(String stdin, String... flags) {
        String[] args = new String[4 + flags.length];
        System.arraycopy(new String[]{"--server", address(), "--name", "alice"}, 0, args, 0, 4);
        System.arraycopy(flags, 0, args, 4, flags.length);
        return CliRun.start(stdin, history, args);
    }

    @Test
    void aNewServerInScriptModeIsRefusedWithExitThreeAndTheFingerprintToPin() throws Exception {
        CliRun run = chat("/users\n", "--tls");
        assertEquals(ChatMain.EXIT_CANNOT_JOIN, run.exitCode());
        assertTrue(run.stderr().contains("UNTRUSTED"), run.stderr());
        assertTrue(run.stderr().contains("--tls-fingerprint " + server.tlsFingerprint()), run.stderr());
        assertTrue(Files.notExists(knownHosts));
    }

    @Test
    void aPinnedFingerprintIsTrustedRememberedAndThenKnownWithoutThePin() throws Exception {
        CliRun first = chat("/users\n", "--tls", "--tls-fingerprint", server.tlsFingerprint());
        assertEquals(0, first.exitCode(), first.stderr());
        assertTrue(first.stdout().contains("* encrypted (TLS), server certificate " + server.tlsFingerprint()), first.stdout());
        assertEquals(address() + " " + server.tlsFingerprint() + "\n", Files.readString(knownHosts));
        CliRun again = chat("/users\n", "--tls");
        assertEquals(0, again.exitCode(), again.stderr());
        assertTrue(again.stdout().contains("* encrypted (TLS)"), again.stdout());
    }

    @Test
    void aChangedCertificateIsRefusedLoudlyWithBothFingerprintsAndHowToForgetTheOldOne() throws Exception {
        String old = Fingerprint.of("another server".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(knownHosts, address() + " " + old + "\n");
        CliRun run = chat("/users\n", "--tls");
        assertEquals(ChatMain.EXIT_CANNOT_JOIN, run.exitCode());
        String err = run.stderr();
        assertTrue(err.contains("has CHANGED: known " + old + ", now " + server.tlsFingerprint()), err);
        assertTrue(err.contains("delete the line '" + address() + " " + old + "' from " + knownHosts), err);
        assertEquals("", run.stdout());
    }

    @Test
    void aPinThatDoesNotMatchIsRefusedAndAMalformedPinIsAUsageError() throws Exception {
        String wrong = Fingerprint.of(new byte[]{42});
        CliRun run = chat("/users\n", "--tls-fingerprint", wrong);
        assertEquals(ChatMain.EXIT_CANNOT_JOIN, run.exitCode());
        assertTrue(run.stderr().contains("not the expected " + wrong), run.stderr());
        CliRun bad = chat("/users\n", "--tls-fingerprint", "SHA256:nope");
        assertEquals(ChatMain.EXIT_USAGE, bad.exitCode());
    }

    @Test
    void loopbackDefaultsToPlaintextAndGetDownloadsOverTlsWhenAsked() throws Exception {
        byte[] content = new byte[300_000];
        new java.util.Random(7).nextBytes(content);
        Files.write(files.resolve("blob.bin"), content);
        CliRun plain = chat("/users\n");
        assertEquals(0, plain.exitCode(), plain.stderr());
        assertTrue(!plain.stdout().contains("encrypted"), plain.stdout());
        Path downloads = work.resolve("downloads");
        CliRun tls = chat("/get blob.bin tcp\n", "--tls-fingerprint", server.tlsFingerprint(),
                "--download-dir", downloads.toString());
        assertEquals(0, tls.exitCode(), tls.stderr());
        assertArrayEquals(content, Files.readAllBytes(downloads.resolve("blob.bin")));
    }
}
