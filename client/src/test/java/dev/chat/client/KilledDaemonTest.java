package dev.chat.client;

import dev.chat.daemon.Chatd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of the daemon (a separate JVM) in the middle of a download: the client reports the loss
 * as soon as the chat connection drops and keeps the {@code .part}; after the daemon restarts, the download resumes from the
 * part and the file verifies.
 */
@Timeout(90)
final class KilledDaemonTest extends DownloadFixture {
    private final List<Process> daemons = new ArrayList<>();

    @Test
    void aKilledDaemonIsReportedAndTheDownloadResumesAfterARestart() throws Exception {
        byte[] data = share("big.bin", 4 << 20, 11);
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Process daemon = startDaemon(port);
        ChatClient alice = connect(port, "alice");
        DownloadHandle download = alice.download("big.bin", TransferProtocol.UDP, downloads, null);
        await().atMost(Duration.ofSeconds(20)).until(() -> download.progress().bytesDone() > 64 << 10);
        long killed = System.nanoTime();
        daemon.destroyForcibly(); // SIGKILL
        ExecutionException e = assertThrows(ExecutionException.class, () -> download.result().get(15, TimeUnit.SECONDS));
        long reportedAfter = (System.nanoTime() - killed) / 1_000_000;
        DownloadException lost = assertInstanceOf(DownloadException.class, e.getCause());
        assertEquals(DownloadException.Reason.CONNECTION_LOST, lost.reason());
        // The chat connection's end stops the download at once; the 10 s idle timeout is the fallback.
        assertTrue(reportedAfter < 10_000, "reported after " + reportedAfter + " ms");
        Path part = downloads.resolve("big.bin.part");
        assertTrue(Files.exists(part) && Files.size(part) > 0, "the .part is kept");
        long kept = Files.size(part);
        assertTrue(kept < data.length);
        assertArrayEquals(Arrays.copyOf(data, (int) kept), Files.readAllBytes(part), "the part is a prefix");
        alice.close();

        startDaemon(port);
        ChatClient again = connect(port, "alice");
        DownloadResult result = again.download("big.bin", TransferProtocol.UDP, downloads, null)
                .result().get(60, TimeUnit.SECONDS);
        assertEquals(data.length, result.bytes());
        assertArrayEquals(data, Files.readAllBytes(result.file()), "the resumed file verifies");
        System.out.println("KilledDaemonTest: loss reported " + reportedAfter + " ms after kill -9 ("
                + ((DownloadException) e.getCause()).reason() + "), resumed from " + kept + " of " + data.length);
        again.close();
    }

    private static ChatClient connect(int port, String name) throws JoinException {
        return ChatClient.connect(ClientOptions.of("127.0.0.1", port, name), new RecordingListener());
    }

    /** chatd in its own JVM, UDP slowed (30 ms each way) so the download is still running when killed. */
    private Process startDaemon(int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Chatd.class.getName(),
                "--bind", "127.0.0.1", "--port", Integer.toString(port), "--files", shared.toString(),
                "--udp-delay", "30", "--log-level", "warn")
                .redirectErrorStream(true).start();
        daemons.add(process);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.contains("listening on")) {
                Thread.ofVirtual().start(() -> out.lines().forEach(l -> { })); // keep its pipe drained
                return process;
            }
        }
        throw new IOException("chatd did not start");
    }

    @AfterEach
    void killDaemons() {
        daemons.forEach(Process::destroyForcibly);
    }
}
