package dev.chat.client.cli;

import dev.chat.daemon.AccountSettings;
import dev.chat.daemon.store.Argon2id;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Script mode with accounts and history against a real daemon: /register, passwords, exit codes, /history. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccountScriptLoopbackTest extends DaemonFixture {
    @BeforeEach
    void startDaemon() throws Exception {
        start(config().accounts(AccountSettings.DEFAULTS.withPlaintextLogin(true)
                .withArgon2(new Argon2id.Params(64, 1, 1))));
    }

    private CliRun script(String stdin, String name, String... more) {
        List<String> args = new ArrayList<>(List.of("--server", address(), "--name", name, "--script", "-"));
        args.addAll(List.of(more));
        return CliRun.start(stdin, work.resolve("history"), args.toArray(String[]::new));
    }

    private Path passwordFile(String password) throws Exception {
        return Files.writeString(Files.createTempFile(work, "pw", ".txt"), password + "\n");
    }

    @Test
    void aRegisteredNameNeedsItsPasswordFileAndAWrongOrMissingOneExitsWithThree() throws Exception {
        String file = passwordFile("correct horse").toString();
        CliRun register = script("/register\n", "alice", "--password-file", file);
        assertEquals(0, register.exitCode(), register.stderr());
        assertTrue(register.stdout().contains("* registered alice"), register.stdout());

        CliRun missing = script("", "alice");
        assertEquals(3, missing.exitCode());
        assertTrue(missing.stderr().contains("PASSWORD_REQUIRED"), missing.stderr());
        CliRun wrong = script("", "alice", "--password-file", passwordFile("wrong guess").toString());
        assertEquals(3, wrong.exitCode());
        assertTrue(wrong.stderr().contains("WRONG_PASSWORD"), wrong.stderr());
        CliRun right = script("", "alice", "--password-file", file);
        assertEquals(0, right.exitCode(), right.stderr());
        assertTrue(right.stdout().contains("(registered)"), right.stdout());
    }

    @Test
    void aJoinShowsTheHistoryAboveTheLiveLineAndHistoryAsksForMore() throws Exception {
        CliRun bob = script("all: first\nall: second\n", "bob");
        assertEquals(0, bob.exitCode(), bob.stderr());
        CliRun carol = script("/history 1\n", "carol");
        assertEquals(0, carol.exitCode(), carol.stderr());
        String out = carol.stdout();
        int first = out.indexOf("(history) bob -> all: first");
        int live = out.indexOf(EventFormatter.LIVE);
        assertTrue(first >= 0 && live > first, out);
        assertTrue(out.indexOf("(history) bob -> all: second", live) > live, "/history 1 shows the last: " + out);

        CliRun json = script("", "dave", "--json");
        assertEquals(0, json.exitCode(), json.stderr());
        assertTrue(json.stdout().contains("\"text\":\"first\",\"ts\":"), json.stdout());
        assertTrue(json.stdout().contains("\"history\":true"), json.stdout());
        assertTrue(json.stdout().contains("{\"event\":\"live\"}"), json.stdout());
    }

    @Test
    void passwordInAScriptChangesTheJoinsPasswordToTheNewPasswordFileAndWithoutOneIsAUsageFailure() throws Exception {
        String old = passwordFile("correct horse").toString();
        assertEquals(0, script("/register\n", "alice", "--password-file", old).exitCode());

        CliRun without = script("/password\n", "alice", "--password-file", old);
        assertEquals(ChatMain.EXIT_FAILED, without.exitCode());
        assertTrue(without.stderr().contains("--new-password-file"), without.stdout() + without.stderr());

        String fresh = passwordFile("battery staple").toString();
        CliRun change = script("/password\n", "alice", "--password-file", old, "--new-password-file", fresh);
        assertEquals(0, change.exitCode(), change.stderr());
        assertTrue(change.stdout().contains("* password of alice changed"), change.stdout());
        CliRun joined = script("", "alice", "--password-file", fresh);
        assertEquals(0, joined.exitCode(), joined.stderr());
        assertTrue(joined.stdout().contains("(registered)"), joined.stdout());
    }
}
