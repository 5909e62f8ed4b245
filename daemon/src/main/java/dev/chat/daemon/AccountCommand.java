package dev.chat.daemon;

import dev.chat.daemon.store.Account;
import dev.chat.daemon.store.SqliteStore;
import dev.chat.daemon.store.StoreException;
import dev.chat.daemon.store.StoreSettings;
import dev.chat.wire.Names;
import dev.chat.wire.ProtocolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * {@code chatd account list|lock|unlock|delete}: an operator's commands on the data folder's
 * database. They may run while the daemon runs (SQLite serialises the writers); a lock or a delete
 * takes effect at the account's next login. NAME is matched by its collision key, so any spelling
 * of a name (case, look-alike letters) finds its account.
 */
@Command(name = "account", mixinStandardHelpOptions = true, description = "List, lock, unlock or delete accounts.",
        subcommands = {AccountCommand.List.class, AccountCommand.Lock.class, AccountCommand.Unlock.class,
                AccountCommand.Delete.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:no such account, or the database cannot be opened", "2:bad command line"})
final class AccountCommand implements java.util.concurrent.Callable<Integer> {
    static final int EXIT_NOT_DONE = 1;

    @ParentCommand
    Chatd chatd;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder of the database (default: chatd's).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    /** {@code chatd account} alone: the usage, as for a bad command line. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Chatd.EXIT_USAGE;
    }

    Path dataDir() {
        return dataDir != null ? dataDir : chatd.dataDir;
    }

    /** Opens the database (never creating one), runs {@code action}, and maps failures to one line and exit 1. */
    int withStore(Function<SqliteStore, Integer> action) {
        PrintWriter err = spec.commandLine().getErr();
        Path dir = dataDir();
        if (!Files.isRegularFile(dir.resolve(SqliteStore.FILE_NAME))) {
            err.println("chatd account: no database in " + dir + " (is --data-dir right?)");
            return EXIT_NOT_DONE;
        }
        try (SqliteStore store = SqliteStore.open(dir, StoreSettings.DEFAULTS)) {
            return action.apply(store);
        } catch (StoreException e) {
            err.println("chatd account: " + e.getMessage());
            return EXIT_NOT_DONE;
        }
    }

    static String key(String name) {
        try {
            return Names.key(Names.validate(name));
        } catch (ProtocolException e) {
            return name;
        }
    }

    @Command(name = "list", description = "Every account: name, state, registered at.")
    static final class List implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        AccountCommand parent;

        @Override
        public Integer call() {
            return parent.withStore(store -> {
                PrintWriter out = parent.spec.commandLine().getOut();
                for (Account a : store.accounts()) {
                    out.println(a.displayName() + "\t" + (a.locked() ? "locked" : "active") + "\t" + a.created());
                }
                out.flush();
                return 0;
            });
        }
    }

    /** Shared by lock and unlock. */
    abstract static class SetLocked implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        AccountCommand parent;

        @Parameters(paramLabel = "NAME", description = "The registered name (any spelling of it).")
        String name;

        abstract boolean locked();

        @Override
        public Integer call() {
            return parent.withStore(store -> done(parent, name, found(() -> store.setLocked(key(name), locked()).join()),
                    (locked() ? "locked " : "unlocked ") + name));
        }
    }

    @Command(name = "lock", description = "Refuse every login with NAME until it is unlocked.")
    static final class Lock extends SetLocked {
        @Override
        boolean locked() {
            return true;
        }
    }

    @Command(name = "unlock", description = "Allow logins with NAME again.")
    static final class Unlock extends SetLocked {
        @Override
        boolean locked() {
            return false;
        }
    }

    @Command(name = "delete", description = "Delete NAME's account and its undelivered offline messages.")
    static final class Delete implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        AccountCommand parent;

        @Parameters(paramLabel = "NAME", description = "The registered name (any spelling of it).")
        String name;

        @Override
        public Integer call() {
            return parent.withStore(store -> done(parent, name, store.deleteAccount(key(name)).join(),
                    "deleted " + name));
        }
    }

    /** Runs a write of one account; false if there is no such account. */
    private static boolean found(Runnable write) {
        try {
            write.run();
            return true;
        } catch (CompletionException e) {
            if (e.getCause() instanceof StoreException se) {
                if (se.reason() == StoreException.Reason.NO_SUCH_ACCOUNT) {
                    return false;
                }
                throw se;
            }
            throw e;
        }
    }

    /** Prints {@code message}, or "no account NAME" and exit 1. */
    private static int done(AccountCommand parent, String name, boolean found, String message) {
        if (!found) {
            parent.spec.commandLine().getErr().println("chatd account: no account " + name);
            parent.spec.commandLine().getErr().flush();
            return EXIT_NOT_DONE;
        }
        parent.spec.commandLine().getOut().println(message);
        parent.spec.commandLine().getOut().flush();
        return 0;
    }
}
