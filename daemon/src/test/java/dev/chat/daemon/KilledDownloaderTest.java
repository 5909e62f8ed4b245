package dev.chat.daemon;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a client JVM in the middle of a TCP or UDP download: the daemon frees the transfer
 * within 10 s, and the {@link AttackHarness}'s witnesses notice nothing.
 */
@Timeout(60)
final class KilledDownloaderTest {
    @TempDir
    Path files;

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"tcp", "udp"})
    void aKilledDownloaderFreesItsTransferWithinTenSeconds(String protocol) throws Exception {
        Files.write(files.resolve("big.bin"), new byte[64 << 20]);
        try (AttackHarness harness = AttackHarness.start(files, UnaryOperator.identity())) {
            ChatServer server = harness.server();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CrashDownloader.class.getName(), Integer.toString(server.port()), "victim", "big.bin", protocol)
                    .redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("streaming", out.readLine());
                await().atMost(Duration.ofSeconds(5)).until(() -> server.activeTransfers() == 1);
                long killed = System.nanoTime();
                process.destroyForcibly(); // SIGKILL
                assertTrue(process.waitFor(10, TimeUnit.SECONDS));
                await().atMost(Duration.ofSeconds(10)).until(() -> server.activeTransfers() == 0);
                System.out.println("KilledDownloaderTest: " + protocol + " transfer freed "
                        + (System.nanoTime() - killed) / 1_000_000 + " ms after kill -9");
                harness.assertSurvived(); // the victim's chat connection is gone too
            } finally {
                process.destroyForcibly();
            }
        }
    }
}
