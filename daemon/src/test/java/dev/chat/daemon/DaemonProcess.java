package dev.chat.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * The packaged daemon ({@code target/chatd.jar}, system property {@code chatd.jar}) run as a separate
 * JVM, with its standard output and error in files, and signals sent by {@code kill}.
 */
final class DaemonProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on [^ ]+:(\\d+),");

    private final Process process;
    private final Path out;
    private final Path err;

    private DaemonProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code java -jar chatd.jar args...}; does not wait for it to listen. */
    static DaemonProcess start(Path dir, String... args) throws IOException {
        Path jar = Path.of(System.getProperty("chatd.jar", "target/chatd.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the integration tests through 'mvn verify'");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "chatd", ".out");
        Path err = Files.createTempFile(dir, "chatd", ".err");
        ProcessBuilder builder = new ProcessBuilder(command);
        // Its self-signed TLS certificate goes under the test's folder, never the user's home.
        builder.environment().put("XDG_DATA_HOME", dir.resolve("xdg-data").toString());
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        return new DaemonProcess(process, out, err);
    }

    /** Waits for the "listening on" line and returns the port it names. */
    int awaitListening() {
        int[] port = new int[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("chatd exited with " + process.exitValue() + ": " + stderr());
            }
            Matcher m = LISTENING.matcher(stdout());
            if (m.find()) {
                port[0] = Integer.parseInt(m.group(1));
                return true;
            }
            return false;
        });
        return port[0];
    }

    /** Sends SIGTERM (or another signal name) with kill(1). */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** The exit code, or an AssertionError if the process is still running after {@code limit}. */
    int exitCode(Duration limit) throws InterruptedException, IOException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("chatd still runs after " + limit.toMillis() + " ms; stderr: " + stderr());
        }
        return process.exitValue();
    }

    String stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
