package dev.chat.client.tui;

import dev.chat.client.ChatListener;
import dev.chat.client.ClientOptions;
import dev.chat.client.JoinException;
import dev.chat.daemon.AccountSettings;
import dev.chat.daemon.ChatServer;
import dev.chat.daemon.DaemonConfig;
import dev.chat.daemon.SourceLimits;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.awaitility.Awaitility.await;

/** A daemon on loopback and full-screen clients on headless terminals, closed together. */
final class TuiFixture implements AutoCloseable {
    private static final Logger QUIET = Logger.getLogger("dev.chat");

    static {
        QUIET.setLevel(Level.WARNING);
    }

    ChatServer server;
    final Path files;
    final Path downloads;
    private final java.util.List<AutoCloseable> closing = new java.util.ArrayList<>();

    private final AccountSettings accounts;
    /** The daemons' database folder (accounts survive a restart); null: in memory. */
    private final Path dataDir;

    TuiFixture(Path files, Path downloads) throws IOException {
        this(files, downloads, AccountSettings.DEFAULTS);
    }

    /** With {@code accounts}: passwords over plaintext on loopback need {@link AccountSettings#withPlaintextLogin}. */
    TuiFixture(Path files, Path downloads, AccountSettings accounts) throws IOException {
        this(files, downloads, accounts, null);
    }

    /** As above, with the database in {@code dataDir}, so that a restarted daemon knows the accounts. */
    TuiFixture(Path files, Path downloads, AccountSettings accounts, Path dataDir) throws IOException {
        this.files = files;
        this.downloads = downloads;
        this.accounts = accounts;
        this.dataDir = dataDir;
        server = startDaemon(0);
    }

    ChatServer startDaemon(int port) throws IOException {
        // Every client here comes from 127.0.0.1; the per-source limits have their own daemon tests.
        return new ChatServer(DaemonConfig.builder().bind("127.0.0.1").port(port).files(files).accounts(accounts)
                .dataDir(dataDir)
                .sources(SourceLimits.DEFAULTS.exemptAll())
                .idleTimeout(Duration.ofSeconds(4)).drainTimeout(Duration.ofMillis(300))
                .shutdownGrace(Duration.ofMillis(300)).build()).start();
    }

    ClientOptions options(String name) {
        return ClientOptions.of("127.0.0.1", server.port(), name);
    }

    /** A full-screen client; {@code name} null opens the join dialog with {@code suggested} filled in. */
    FullScreenClient.Running tui(HeadlessTerminal terminal, String name, String suggested,
                                 Function<Connector, Connector> wrap) throws IOException {
        FullScreenClient.Config config = new FullScreenClient.Config(name, suggested, downloads, ZoneId.of("UTC"),
                Clock.systemUTC(), Scrollback.DEFAULT_CAPACITY);
        FullScreenClient.Running running = FullScreenClient.start(config, terminal,
                wrap.apply(new ClientConnector(options(suggested))));
        closing.add(running);
        return running;
    }

    /** A client whose finished transfer rows hide after {@code linger}, downloading through {@code wrap}. */
    FullScreenClient.Running tuiWithLinger(HeadlessTerminal terminal, String name, Duration linger,
                                           Function<Connector, Connector> wrap) throws IOException {
        FullScreenClient.Config config = new FullScreenClient.Config(name, name, downloads, ZoneId.of("UTC"),
                Clock.systemUTC(), Scrollback.DEFAULT_CAPACITY, null, linger);
        FullScreenClient.Running running = FullScreenClient.start(config, terminal, wrap.apply(new ClientConnector(options(name))));
        closing.add(running);
        return running;
    }

    /** A client that keeps its input history in {@code history} (line mode's file format). */
    FullScreenClient.Running tuiWithHistory(HeadlessTerminal terminal, String name, Path history) throws IOException {
        FullScreenClient.Config config = new FullScreenClient.Config(name, name, downloads, ZoneId.of("UTC"),
                Clock.systemUTC(), Scrollback.DEFAULT_CAPACITY, null, TransferBook.LINGER, history);
        FullScreenClient.Running running = FullScreenClient.start(config, terminal, new ClientConnector(options(name)));
        closing.add(running);
        return running;
    }

    /** A client joining as {@code name} with the user's choices {@code prefs} (flags, settings file). */
    FullScreenClient.Running tuiWithPrefs(HeadlessTerminal terminal, String name, Preferences prefs) throws IOException {
        FullScreenClient.Config config = new FullScreenClient.Config(name, name, downloads, ZoneId.of("UTC"),
                Clock.systemUTC(), Scrollback.DEFAULT_CAPACITY, null, TransferBook.LINGER, null, prefs);
        FullScreenClient.Running running = FullScreenClient.start(config, terminal, new ClientConnector(options(name)));
        closing.add(running);
        return running;
    }

    /** A full-screen client joining as {@code name} through {@code connector}. */
    FullScreenClient.Running tui(HeadlessTerminal terminal, String name, Connector connector) throws IOException {
        FullScreenClient.Config config = new FullScreenClient.Config(name, name, downloads, ZoneId.of("UTC"),
                Clock.systemUTC(), Scrollback.DEFAULT_CAPACITY);
        FullScreenClient.Running running = FullScreenClient.start(config, terminal, connector);
        closing.add(running);
        return running;
    }

    FullScreenClient.Running tui(HeadlessTerminal terminal, String name) throws IOException {
        return tui(terminal, name, name, c -> c);
    }

    /** A full-screen client joining as {@code name} whose chat pane starts with {@code notice}. */
    FullScreenClient.Running tuiWithNotice(HeadlessTerminal terminal, String name, String notice) throws IOException {
        FullScreenClient.Config config = new FullScreenClient.Config(name, name, downloads, ZoneId.of("UTC"),
                Clock.systemUTC(), Scrollback.DEFAULT_CAPACITY, notice);
        FullScreenClient.Running running = FullScreenClient.start(config, terminal, new ClientConnector(options(name)));
        closing.add(running);
        return running;
    }

    dev.chat.client.ChatClient peer(String name, ChatListener listener) throws JoinException {
        dev.chat.client.ChatClient client = dev.chat.client.ChatClient.connect(options(name), listener);
        closing.add(client);
        return client;
    }

    static void awaitScreen(HeadlessTerminal terminal, String text) {
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> terminal.screen().contains(text));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the screen never showed '" + text + "':\n" + terminal.screen(), e);
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        server.close();
    }
}
