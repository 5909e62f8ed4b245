package dev.chat.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.chat.daemon.AccountSettings;
import dev.chat.daemon.ChatServer;
import dev.chat.daemon.DaemonConfig;
import dev.chat.daemon.SourceLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tiny run of each driver against an in-process daemon on loopback, so that the benchmark tools
 * keep working; the real runs are scripts/bench-chat, bench-transfer and bench-codec.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DriverSmokeTest {
    @TempDir
    Path dir;
    private ChatServer server;

    @BeforeEach
    void startDaemon() throws IOException {
        Path files = Files.createDirectories(dir.resolve("files"));
        byte[] data = new byte[1 << 20];
        new Random(1).nextBytes(data);
        Files.write(files.resolve("one.bin"), data);
        server = new ChatServer(DaemonConfig.builder().bind("127.0.0.1").port(0).files(files).rateLimit(0, 1)
                .sources(SourceLimits.DEFAULTS.exemptAll()) // the load comes from one loopback address
                // Scenarios reuse the names u0, u1...: a goodbye that races its socket's close must not
                // leave a name held for a resume (scripts/bench-chat starts a fresh daemon per case).
                .accounts(AccountSettings.DEFAULTS.withNameGrace(Duration.ZERO))
                .build()).start();
    }

    @AfterEach
    void stopDaemon() {
        server.close();
    }

    @Test
    void theLoadGeneratorDeliversEveryBroadcastAndPrivateMessageAndHoldsIdleClients() throws IOException {
        Path out = dir.resolve("results");
        for (String scenario : new String[] {"broadcast", "privates"}) {
            int exit = run(new ChatLoad(), "--port", port(), "--scenario", scenario, "--clients", "6", "--rate", "40",
                    "--warmup", "0", "--duration", "1", "--out", out.resolve("chat-" + scenario + "-chatd-r1.json").toString(),
                    "--server-pid", Long.toString(ProcessHandle.current().pid()));
            JsonObject r = read(out.resolve("chat-" + scenario + "-chatd-r1.json"));
            assertEquals(0, exit, r.toString());
            assertTrue(r.get("deliveries").getAsLong() > 0, r.toString());
            assertEquals(r.get("expected_deliveries").getAsLong(), r.get("deliveries").getAsLong(), r.toString());
            assertEquals(11, r.getAsJsonObject("latency_quantiles_ms").size(), "the quantiles the plots draw");
            assertTrue(r.has("join_server_cpu_seconds") && r.has("load_average_before"), r.toString());
        }
        int exit = run(new ChatLoad(), "--port", port(), "--scenario", "idle", "--clients", "20", "--hold", "1",
                "--out", out.resolve("chat-idle-chatd-r1.json").toString());
        assertEquals(0, exit);
        assertEquals(0, run(new Report(), "--kind", "chat", out.toString()));
        String summary = Files.readString(out.resolve("summary.md"));
        // Sections are named by the files' scenario labels (scripts/bench-chat's saturation, fanout5k...).
        assertTrue(summary.contains("### broadcast") && summary.contains("### privates") && summary.contains("### idle"),
                summary);
        assertTrue(summary.contains("CPU s per 2M deliveries") && summary.contains("join s"), summary);
    }

    @Test
    void theLoadGeneratorSpeaksIrcAndAnswersPings() throws IOException {
        try (FakeIrcServer irc = new FakeIrcServer()) {
            for (String scenario : new String[] {"broadcast", "privates"}) {
                Path out = dir.resolve("irc-" + scenario + ".json");
                int exit = run(new ChatLoad(), "--protocol", "irc", "--server", "fake", "--port", Integer.toString(irc.port()),
                        "--scenario", scenario, "--clients", "4", "--rate", "40", "--warmup", "0", "--duration", "1",
                        "--out", out.toString());
                JsonObject r = read(out);
                assertEquals(0, exit, r.toString());
                assertTrue(r.get("deliveries").getAsLong() > 0, r.toString());
                assertEquals(r.get("expected_deliveries").getAsLong(), r.get("deliveries").getAsLong(), r.toString());
            }
            assertEquals(4, irc.ponged.size());
        }
    }

    @Test
    void theDownloadTimerFetchesOverTcpAndUdp() throws IOException {
        for (String protocol : new String[] {"tcp", "udp"}) {
            Path out = dir.resolve("transfer-loopback-" + protocol + "-r1.json");
            int exit = run(new DownloadBench(), "--port", port(), "--file", "one.bin", "--protocol", protocol,
                    "--runs", "1", "--timeout", "30", "--dir", dir.resolve("dl").toString(), "--out", out.toString());
            assertEquals(0, exit);
            assertEquals(1 << 20, read(out).getAsJsonArray("runs").get(0).getAsJsonObject().get("bytes").getAsLong());
        }
        assertEquals(0, run(new Report(), "--kind", "transfer", dir.toString()));
    }

    @Test
    void theCodecBenchmarksRun() throws Exception {
        var results = new Runner(new OptionsBuilder().include(CodecBenchmark.class.getName()).forks(0)
                .warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(20))
                .shouldFailOnError(true).build()).run();
        assertFalse(results.isEmpty());
    }

    private String port() {
        return Integer.toString(server.port());
    }

    private static int run(Object command, String... args) {
        return new CommandLine(command).execute(args);
    }

    private static JsonObject read(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }
}
