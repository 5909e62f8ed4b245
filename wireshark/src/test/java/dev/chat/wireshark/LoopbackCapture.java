package dev.chat.wireshark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/**
 * scripts/capture (dumpcap or tcpdump) recording one port on the loopback interface into a classic
 * pcap file. {@link #start} returns once the tool listens; {@link #refusal} says why it stopped
 * at once when it may not capture here.
 */
final class LoopbackCapture implements AutoCloseable {
    private final Process process;
    private final Path file;
    private final Path log;

    private LoopbackCapture(Process process, Path file, Path log) {
        this.process = process;
        this.file = file;
        this.log = log;
    }

    static LoopbackCapture start(Path file, int port) throws IOException {
        Path log = Files.createTempFile(file.getParent(), "capture", ".log");
        Path script = Path.of(System.getProperty("scripts.dir", "../scripts"), "capture").toAbsolutePath();
        Process p = new ProcessBuilder(script.toString(), "--port", Integer.toString(port), file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LoopbackCapture capture = new LoopbackCapture(p, file, log);
        await().atMost(Tools.scaled(Duration.ofSeconds(15))).pollInterval(Duration.ofMillis(20))
                .until(() -> !p.isAlive() || capture.log().contains("listening on") || capture.log().contains("Capturing on"));
        return capture;
    }

    /** Why tcpdump stopped at once (no permission to capture, no loopback interface), or null. */
    String refusal() throws IOException {
        return process.isAlive() ? null : "scripts/capture cannot capture on lo here: " + log().strip();
    }

    private String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Waits until the file has stopped growing (the last packets are written), then stops tcpdump. */
    Path finish() throws IOException, InterruptedException {
        AtomicLong last = new AtomicLong(-1);
        await().atMost(Tools.scaled(Duration.ofSeconds(10))).pollInterval(Duration.ofMillis(250)).until(() -> {
            long size = Files.size(file);
            return size == last.getAndSet(size);
        });
        close();
        return file;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: dumpcap and tcpdump flush and close the file
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
