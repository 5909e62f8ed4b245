package dev.chat.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --config} and {@code --print-config}, in process: nothing here starts a server. */
class ConfigFileTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Chatd());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path config(String text) throws IOException {
        return Files.writeString(dir.resolve("chatd.properties"), text);
    }

    private Properties printed() throws IOException {
        Properties p = new Properties();
        p.load(new java.io.StringReader(out.toString()));
        return p;
    }

    @Test
    void printConfigShowsEveryKeyWithItsDefault() throws IOException {
        assertEquals(0, run("--print-config"));
        Properties p = printed();
        assertEquals("13337", p.getProperty("port"));
        assertEquals("0.0.0.0", p.getProperty("bind"));
        assertEquals("5.0", p.getProperty("grace"));
        assertEquals("info", p.getProperty("log-level"));
        assertEquals("1200", p.getProperty("udp-payload"));
        Set<String> keys = new java.util.HashSet<>(ConfigFile.keys(new CommandLine(new Chatd()).getCommandSpec()).keySet());
        for (String unset : List.of("tls-cert", "tls-key", "redis", "node-id")) {
            assertTrue(out.toString().contains("\n#" + unset + "=\n"), "options without a default print commented out: " + out);
        }
        keys.removeAll(Set.of("tls-cert", "tls-key", "redis", "node-id"));
        assertEquals(keys, p.stringPropertyNames());
        assertTrue(p.getProperty("data-dir").endsWith("chatd"), p.getProperty("data-dir"));
        assertTrue(!p.containsKey("config") && !p.containsKey("print-config") && !p.containsKey("help"));
    }

    @Test
    void theFileOverridesDefaultsAndFlagsOverrideTheFile() throws IOException {
        Path file = config("# comment\nport = 4000\nidle-timeout=90\nudp-loss=0.1\nfiles=/srv/chat files\n");
        assertEquals(0, run("--config", file.toString(), "--port", "5000", "--print-config"));
        Properties p = printed();
        assertEquals("5000", p.getProperty("port"));
        assertEquals("90", p.getProperty("idle-timeout"));
        assertEquals("0.1", p.getProperty("udp-loss"));
        assertEquals("/srv/chat files", p.getProperty("files"));
        assertEquals("20.0", p.getProperty("rate-limit"));
    }

    @Test
    void printedConfigurationReadsBackAsTheSameConfiguration() throws IOException {
        assertEquals(0, run("--port", "4100", "--files", "C:\\odd\\path", "--grace", "0.5", "--print-config"));
        String first = out.toString();
        Path file = config(first);
        out.getBuffer().setLength(0);
        assertEquals(0, run("--config", file.toString(), "--print-config"));
        assertEquals(first.lines().skip(1).toList(), out.toString().lines().skip(1).toList());
    }

    @Test
    void anUnknownKeyStopsStartUpNamingTheKeyAndTheFile() throws IOException {
        Path file = config("port=4000\nprot=4001\n");
        assertEquals(Chatd.EXIT_CONFIG, run("--config", file.toString()));
        assertTrue(err.toString().contains("unknown key 'prot' in " + file), err.toString());
        assertTrue(err.toString().contains("known keys: bind, port"), err.toString());
    }

    @Test
    void aValueThatDoesNotConvertNamesTheKeyAndTheFile() throws IOException {
        Path file = config("port=lots\n");
        assertEquals(Chatd.EXIT_CONFIG, run("--config", file.toString()));
        assertTrue(err.toString().contains("invalid value 'lots' for key 'port' in " + file), err.toString());
    }

    @Test
    void aValueOutOfRangeNamesTheKeyAndTheFile() throws IOException {
        Path file = config("udp-payload=70000\n");
        assertEquals(Chatd.EXIT_CONFIG, run("--config", file.toString(), "--print-config"));
        assertTrue(err.toString().contains("invalid value '70000' for key 'udp-payload' in " + file), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void aFlagOutOfRangeIsAUsageErrorNamingTheFlag() {
        assertEquals(Chatd.EXIT_USAGE, run("--port", "70000"));
        assertTrue(err.toString().contains("invalid value '70000' for --port (expected 0..65535)"), err.toString());
    }

    @Test
    void aFlagOverridingABadFileValueIsStillRejectedForTheFile() throws IOException {
        Path file = config("port=lots\n");
        assertEquals(Chatd.EXIT_CONFIG, run("--config", file.toString(), "--port", "4000"));
        assertTrue(err.toString().contains("'port'"), err.toString());
    }

    @Test
    void aBadLogLevelInTheFileNamesTheKey() throws IOException {
        Path file = config("log-level=loud\n");
        assertEquals(Chatd.EXIT_CONFIG, run("--config", file.toString()));
        assertTrue(err.toString().contains("for key 'log-level' in " + file), err.toString());
    }

    @Test
    void aMissingConfigFileIsAConfigurationError() {
        Path missing = dir.resolve("nope.properties");
        assertEquals(Chatd.EXIT_CONFIG, run("--config", missing.toString()));
        assertTrue(err.toString().contains("cannot read the config file " + missing + ": no such file"), err.toString());
    }

    @Test
    void theShippedExampleSetsEveryKeyToItsDefaultButTheServicesOwnSettings() throws IOException {
        Path example = Path.of("..", "scripts", "chatd.properties");
        Set<String> unsetByDefault = Set.of("tls-cert", "tls-key", "redis", "node-id"); // shown as examples, left commented out
        String uncommented = String.join("\n", Files.readAllLines(example).stream()
                .map(line -> line.startsWith("#") && line.contains("=") && !line.startsWith("# ")
                        && !unsetByDefault.contains(line.substring(1, line.indexOf('='))) ? line.substring(1) : line)
                .toList());
        Path file = config(uncommented);
        assertEquals(0, run("--config", file.toString(), "--print-config"));
        Properties fromExample = printed();
        out.getBuffer().setLength(0);
        assertEquals(0, run("--print-config"));
        Properties defaults = printed();
        defaults.setProperty("data-dir", "/var/lib/chatd"); // the service's StateDirectory
        defaults.setProperty("tls-required", "true");
        assertEquals(defaults, fromExample);
        assertEquals(ConfigFile.keys(new CommandLine(new Chatd()).getCommandSpec()).size(),
                Files.readAllLines(example).stream().filter(l -> l.matches("#?[a-z-]+=.*")).count(),
                "every key appears in scripts/chatd.properties");
    }
}
