package dev.chat.wireshark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * tshark with the dissector loaded, and tcpdump recording loopback: the external tools these tests
 * need. {@link #missing()} says which is absent, so a test can skip with that reason.
 */
final class Tools {
    static final Path LUA = Path.of(System.getProperty("chatd.lua", "chatd.lua")).toAbsolutePath();

    private Tools() {
    }

    /** Wall-clock bounds are multiplied by CHAT_TEST_TIME_SCALE (or -Dchat.test.timeScale), 1 by default. */
    static Duration scaled(Duration d) {
        String value = System.getProperty("chat.test.timeScale", System.getenv("CHAT_TEST_TIME_SCALE"));
        double scale = value == null || value.isBlank() ? 1 : Double.parseDouble(value);
        return Duration.ofMillis((long) (d.toMillis() * scale));
    }

    /** Why these tests cannot run here, or null when tshark (and tcpdump or dumpcap, if asked) runs. */
    static String missing(boolean needCapture) {
        if (!runs("tshark", "-v")) {
            return "tshark is not installed (Debian: apt-get install tshark; .ci/run installs it)";
        }
        if (needCapture && !runs("tcpdump", "--version") && !runs("dumpcap", "-v")) {
            return "neither tcpdump nor dumpcap is installed (Debian: apt-get install tcpdump; .ci/run installs it)";
        }
        return null;
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs tshark -n -X lua_script:chatd.lua -r capture with more arguments; returns its standard output. */
    static String tshark(Path capture, List<String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-X", "lua_script:" + LUA, "-r", capture.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("CHAT_KEYLOGFILE");
        for (String kv : env) {
            int eq = kv.indexOf('=');
            builder.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        Path out = Files.createTempFile("tshark", ".out");
        Path err = Files.createTempFile("tshark", ".err");
        try {
            Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(scaled(Duration.ofSeconds(60)).toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("tshark still runs after 60 s: " + command);
            }
            String stderr = new String(Files.readAllBytes(err), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "tshark failed: " + command + "\n" + stderr);
            // whatever bytes a capture held, tshark's output is read (invalid UTF-8 shows as U+FFFD)
            return new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** tshark [options] -T fields with one -e per field, separator '|', occurrences joined by ','; one row per packet. */
    static List<String[]> fields(Path capture, List<String> env, List<String> options, String filter, String... fields)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of("-Y", filter, "-T", "fields", "-E", "separator=|",
                "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String f : fields) {
            args.add("-e");
            args.add(f);
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : tshark(capture, env, args.toArray(String[]::new)).split("\n")) {
            if (!line.isEmpty()) {
                rows.add(line.split("\\|", -1));
            }
        }
        return rows;
    }
}
