package dev.chat.client.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /get} in script mode over both protocols against a real daemon, through the client library. */
@Timeout(60)
class GetLoopbackTest extends DaemonFixture {
    private byte[] content;
    private String sha256;

    @BeforeEach
    void shareAFile() throws Exception {
        content = new byte[300_000];
        new Random(7).nextBytes(content);
        Files.write(files.resolve("blob.bin"), content);
        sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        start();
    }

    private CliRun get(String script, Path downloads, String... more) {
        String[] args = {"--server", address(), "--name", "alice", "--download-dir", downloads.toString()};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.start(script, work.resolve("history"),
                env -> env, main -> main, all);
    }

    @Test
    void getOverTcpSavesTheFileAndPrintsPathBytesAndHash() throws Exception {
        Path downloads = work.resolve("tcp");
        CliRun alice = get("/get blob.bin tcp\n", downloads);
        assertEquals(0, alice.exitCode(), alice.stderr());
        assertTrue(alice.stdout().contains("saved " + downloads.resolve("blob.bin") + " 300000 " + sha256 + "\n"), alice.stdout());
        assertArrayEquals(content, Files.readAllBytes(downloads.resolve("blob.bin")));
    }

    @Test
    void getOverUdpIsTheDefault() throws Exception {
        Path downloads = work.resolve("udp");
        CliRun alice = get("/get blob.bin\n", downloads, "--json");
        assertEquals(0, alice.exitCode(), alice.stderr());
        assertTrue(alice.stdout().contains("\"result\":\"saved\",\"file\":\"blob.bin\",\"protocol\":\"udp\""), alice.stdout());
        assertTrue(alice.stdout().contains("\"sha256\":\"" + sha256 + "\""), alice.stdout());
        assertArrayEquals(content, Files.readAllBytes(downloads.resolve("blob.bin")));
    }

    @Test
    void aMissingFileFailsTheScriptWithTheDaemonsCode() throws Exception {
        CliRun alice = get("/get nothing.here tcp\nall: not sent\n", work.resolve("none"));
        assertEquals(1, alice.exitCode());
        assertTrue(alice.stderr().startsWith("! FILE_NOT_FOUND: "), alice.stderr());
    }
}
