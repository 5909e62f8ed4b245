package dev.chat.client.tui;

import com.googlecode.lanterna.input.KeyType;
import dev.chat.client.ClientOptions;
import dev.chat.client.KnownHosts;
import dev.chat.client.TlsOptions;
import dev.chat.client.TrustDecision;
import dev.chat.wire.Fingerprint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

import static dev.chat.client.tui.TuiFixture.awaitScreen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The full-screen client's trust on first use on a headless terminal against a real daemon over TLS
 * on loopback (where TLS is not the default: the options ask for it, as --tls does).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TrustDialogLoopbackTest {
    @TempDir
    Path files;
    @TempDir
    Path downloads;
    @TempDir
    Path data;

    private TuiFixture fixture;
    private Path knownHosts;
    private final HeadlessTerminal terminal = new HeadlessTerminal(100, 30);

    @BeforeEach
    void start() throws Exception {
        fixture = new TuiFixture(files, downloads);
        knownHosts = data.resolve("chat/known_hosts");
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private String address() {
        return "127.0.0.1:" + fixture.server.port();
    }

    /** alice over TLS, trusting on first use through the dialog, as ChatMain starts her with --tls. */
    private FullScreenClient.Running aliceOverTls() throws Exception {
        ClientOptions options = fixture.options("alice").toBuilder()
                .tls(new TlsOptions(null, null, new KnownHosts(knownHosts), TrustDecision.REFUSE)).build();
        TrustDialog trust = new TrustDialog();
        FullScreenClient.Config config = new FullScreenClient.Config("alice", "alice", downloads, ZoneId.of("UTC"),
                Clock.systemUTC(), Scrollback.DEFAULT_CAPACITY);
        FullScreenClient.Running running = FullScreenClient.start(config, terminal,
                new ClientConnector(trust.askingFor(options)), trust);
        return running;
    }

    private String statusBar() {
        String screen = terminal.screen();
        return screen.lines().filter(row -> row.contains(" | alice | ") || row.contains("(not joined)"))
                .findFirst().orElse("");
    }

    @Test
    void aNewServerIsAskedAboutWithItsFingerprintAndTrustedItIsRememberedAndTheStatusBarSaysTls() throws Exception {
        try (FullScreenClient.Running alice = aliceOverTls()) {
            String fingerprint = fixture.server.tlsFingerprint();
            awaitScreen(terminal, "New server " + address());
            awaitScreen(terminal, fingerprint);
            awaitScreen(terminal, "[ Refuse ]");
            assertTrue(Files.notExists(knownHosts), "nothing is remembered before the answer");

            terminal.type("y");
            awaitScreen(terminal, "connected | TLS");
            awaitScreen(terminal, "encrypted (TLS), server certificate"); // the fingerprint wraps onto the next row
            assertTrue(terminal.screen().contains(fingerprint), terminal.screen());
            assertFalse(terminal.screen().contains("New server"), terminal.screen());
            assertEquals(address() + " " + fingerprint + "\n", Files.readString(knownHosts));
            terminal.typeLine("all: hello over TLS");
            awaitScreen(terminal, "alice: hello over TLS");
        }
    }

    @Test
    void aKnownServerIsNotAskedAgain() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        Files.writeString(knownHosts, address() + " " + fixture.server.tlsFingerprint() + "\n");
        try (FullScreenClient.Running alice = aliceOverTls()) {
            awaitScreen(terminal, "connected | TLS");
            assertFalse(terminal.screen().contains("New server"), terminal.screen());
        }
    }

    @Test
    void enterRefusesByDefaultAndNothingIsRememberedOrJoined() throws Exception {
        try (FullScreenClient.Running alice = aliceOverTls()) {
            awaitScreen(terminal, "New server " + address());
            terminal.press(KeyType.Enter);
            awaitScreen(terminal, "UNTRUSTED: the TLS certificate of " + address());
            assertFalse(terminal.screen().contains("New server"), terminal.screen());
            assertTrue(Files.notExists(knownHosts));
            assertFalse(statusBar().contains("TLS"), statusBar());
            terminal.press(KeyType.Escape); // the join dialog: Esc quits, the user's choice
            assertEquals(0, alice.exit().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aChangedCertificateIsShownLoudlyWithBothFingerprintsAndTheLineToDeleteAndEnterQuitsWithExitThree()
            throws Exception {
        String old = Fingerprint.of("another server".getBytes(StandardCharsets.US_ASCII));
        Files.createDirectories(knownHosts.getParent());
        Files.writeString(knownHosts, address() + " " + old + "\n");
        try (FullScreenClient.Running alice = aliceOverTls()) {
            awaitScreen(terminal, "CERTIFICATE CHANGED");
            awaitScreen(terminal, "has CHANGED: refused");
            awaitScreen(terminal, "known: " + old);
            awaitScreen(terminal, "now:   " + fixture.server.tlsFingerprint());
            awaitScreen(terminal, address() + " " + old);
            awaitScreen(terminal, knownHosts.toString());
            terminal.press(KeyType.Enter);
            assertEquals(FullScreenClient.EXIT_UNTRUSTED, alice.exit().get(10, TimeUnit.SECONDS));
            assertEquals(address() + " " + old + "\n", Files.readString(knownHosts), "the old entry stays");
        }
    }

    @Test
    void aPlaintextSessionHasNoTlsMark() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "connected");
        assertFalse(statusBar().contains("TLS"), statusBar());
        assertFalse(terminal.screen().contains("encrypted"), terminal.screen());
    }
}
