package dev.chat.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class ChatdTest {
    @TempDir
    Path files;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Chatd());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void versionAndHelpPrintAndSucceed() {
        assertEquals(0, run("--version"));
        assertEquals("chatd 0.1.0", out.toString().strip());
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("--rate-limit"));
    }

    @Test
    void aMissingFilesFolderIsAClearErrorWithNonZeroExit() {
        assertEquals(Chatd.EXIT_FILES, run("--port", "0", "--files", files.resolve("missing").toString(), "--log-level", "warn"));
        assertTrue(err.toString().contains("does not exist"), err.toString());
    }

    @Test
    void aPortInUseIsAClearErrorWithNonZeroExit() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = run("--bind", "127.0.0.1", "--port", Integer.toString(taken.getLocalPort()),
                    "--files", files.toString(), "--log-level", "warn");
            assertEquals(Chatd.EXIT_LISTEN, code);
            assertTrue(err.toString().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), err.toString());
        }
    }

    @Test
    void everyPerSourceLimitIsAFlagAndABadExemptBlockIsAUsageError() {
        assertEquals(0, run("--print-config", "--exempt", "127.0.0.0/8,::1/128", "--max-per-source", "4"));
        String printed = out.toString();
        for (String key : new String[] {"max-per-source=4", "new-per-source=32", "new-window=600", "source-share=0.05",
                "transfers-per-source=32", "exempt=127.0.0.0/8,::1/128", "fd-limit=0", "text-idle-timeout=300"}) {
            assertTrue(printed.contains(key + "\n") || printed.contains(key + System.lineSeparator()), key + " in " + printed);
        }
        assertEquals(Chatd.EXIT_USAGE, run("--exempt", "localhost", "--port", "0"));
        assertTrue(err.toString().contains("for --exempt"), err.toString());
    }

    @Test
    void theClusterFlagsAreConfigKeysAndABadRedisAddressOrNodeIdIsAUsageError() throws Exception {
        assertEquals(0, run("--print-config", "--redis", "redis://10.0.0.5:6379/2", "--node-id", "chat-1"));
        String printed = out.toString();
        for (String key : new String[] {"redis=redis://10.0.0.5:6379/2", "node-id=chat-1", "cluster-ttl=10.0"}) {
            assertTrue(printed.contains(key + System.lineSeparator()), key + " in " + printed);
        }
        assertEquals(Chatd.EXIT_USAGE, run("--redis", "http://10.0.0.5", "--port", "0"));
        assertTrue(err.toString().contains("for --redis"), err.toString());
        assertEquals(Chatd.EXIT_USAGE, run("--redis", "redis://10.0.0.5", "--node-id", "no spaces", "--port", "0"));
        assertTrue(err.toString().contains("for --node-id"), err.toString());
        Path config = files.resolve("chatd.conf");
        java.nio.file.Files.writeString(config, "redis=redis://h:1/x\n");
        assertEquals(Chatd.EXIT_CONFIG, run("--config", config.toString(), "--port", "0"));
        assertTrue(err.toString().contains("for key 'redis'"), err.toString());
    }

    @Test
    void theStoreIsSqliteOrMemoryAndAnythingElseIsAUsageError() {
        assertEquals(Chatd.EXIT_USAGE, run("--store", "none", "--print-config"));
        assertTrue(err.toString().contains("for --store (expected sqlite or memory)"), err.toString());
        assertEquals(0, run("--store", "memory", "--print-config"));
        assertTrue(out.toString().contains("store=memory"), out.toString());
    }

    @Test
    void logLevelsMapToJavaUtilLogging() {
        assertEquals(Level.INFO, LogSetup.parseLevel("info"));
        assertEquals(Level.FINE, LogSetup.parseLevel("DEBUG"));
        assertEquals(Level.SEVERE, LogSetup.parseLevel("error"));
        assertEquals(Level.FINEST, LogSetup.parseLevel("finest"));
        assertThrows(IllegalArgumentException.class, () -> LogSetup.parseLevel("loud"));
    }

    @Test
    void fingerprintMakesTheSelfSignedCertificateInTheDataDirectoryAndPrintsTheSameOneEveryTime() throws Exception {
        Path data = files.resolve("data");
        assertEquals(0, run("--data-dir", data.toString(), "--fingerprint"));
        String first = out.toString().strip();
        assertTrue(dev.chat.wire.Fingerprint.isValid(first), first);
        assertTrue(java.nio.file.Files.isRegularFile(data.resolve("tls-key.pem")));
        out.getBuffer().setLength(0);
        assertEquals(0, run("--data-dir", data.toString(), "--fingerprint"));
        assertEquals(first, out.toString().strip());
    }

    @Test
    void aTlsKeyWithoutItsCertificateIsAUsageErrorAndAMissingCertificateIsExitSix() {
        assertEquals(Chatd.EXIT_USAGE, run("--tls-key", files.resolve("key.pem").toString(), "--fingerprint"));
        assertTrue(err.toString().contains("for --tls-cert (expected a certificate file next to --tls-key)"), err.toString());
        assertEquals(Chatd.EXIT_TLS, run("--tls-cert", files.resolve("cert.pem").toString(),
                "--tls-key", files.resolve("key.pem").toString(), "--fingerprint"));
        assertTrue(err.toString().contains("chatd: TLS: no such file: " + files.resolve("cert.pem")), err.toString());
    }
}
