package dev.chat.daemon;

import dev.chat.daemon.store.Account;
import dev.chat.daemon.store.SqliteStore;
import dev.chat.daemon.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountCommandTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void anOperatorListsLocksUnlocksAndDeletesAccountsByAnySpellingOfTheName() {
        try (SqliteStore store = SqliteStore.open(dir, StoreSettings.DEFAULTS)) {
            store.register(new Account("carol", "Carol", "$argon2id$secret", false, Instant.EPOCH)).join();
            store.register(new Account("bob", "bob", "$argon2id$secret", false, Instant.EPOCH)).join();
        }
        assertEquals(0, run("list"));
        assertEquals("bob\tactive\t1970-01-01T00:00:00Z\nCarol\tactive\t1970-01-01T00:00:00Z\n", out.toString());
        assertFalse(out.toString().contains("secret"), "hashes are never printed");

        assertEquals(0, run("lock", "CAROL"));
        assertTrue(out.toString().contains("locked CAROL"));
        try (SqliteStore store = SqliteStore.open(dir, StoreSettings.DEFAULTS)) {
            assertTrue(store.account("carol").orElseThrow().locked());
        }
        assertEquals(0, run("unlock", "carol"));
        assertEquals(0, run("delete", "Bob"));
        assertEquals(0, run("list"));
        assertTrue(out.toString().endsWith("Carol\tactive\t1970-01-01T00:00:00Z\n"), out.toString());
        assertFalse(out.toString().endsWith("bob\tactive\t1970-01-01T00:00:00Z\n"));
    }

    @Test
    void anUnknownNameOrAMissingDatabaseIsExitOneWithOneLine() {
        assertEquals(1, run("list"));
        assertTrue(err.toString().contains("no database in " + dir), err.toString());
        SqliteStore.open(dir, StoreSettings.DEFAULTS).close();
        assertEquals(1, run("lock", "nobody"));
        assertTrue(err.toString().contains("no account nobody"), err.toString());
        assertEquals(1, run("delete", "nobody"));
    }

    @Test
    void theDataDirDefaultsToXdgDataHomeElseTheHomeFolder() {
        assertEquals(Path.of("/x/data/chatd"), DaemonConfig.defaultDataDir(Map.of("XDG_DATA_HOME", "/x/data"), "/home/u"));
        assertEquals(Path.of("/home/u/.local/share/chatd"), DaemonConfig.defaultDataDir(Map.of(), "/home/u"));
        assertEquals(Path.of("/home/u/.local/share/chatd"),
                DaemonConfig.defaultDataDir(Map.of("XDG_DATA_HOME", "relative"), "/home/u"));
    }

    @Test
    void theParentsDataDirFlagIsUsedWhenTheSubcommandHasNone() {
        SqliteStore.open(dir, StoreSettings.DEFAULTS).close();
        CommandLine cli = new CommandLine(new Chatd());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertEquals(0, cli.execute("--data-dir", dir.toString(), "account", "list"), err.toString());
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        CommandLine cli = new CommandLine(new Chatd());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 3];
        full[0] = "account";
        full[1] = "--data-dir";
        full[2] = dir.toString();
        System.arraycopy(args, 0, full, 3, args.length);
        return cli.execute(full);
    }
}
