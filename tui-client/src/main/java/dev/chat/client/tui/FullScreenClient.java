package dev.chat.client.tui;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.DefaultWindowManager;
import com.googlecode.lanterna.gui2.EmptySpace;
import com.googlecode.lanterna.gui2.MultiWindowTextGUI;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.ExtendedTerminal;
import com.googlecode.lanterna.terminal.MouseCaptureMode;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import dev.chat.client.ClientOptions;
import dev.chat.client.ServerRotation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The full-screen chat client: one undecorated full-screen Lanterna window with the chat pane, the
 * users pane, the transfers pane, a status bar and an input line. The entry point for {@code chat}
 * without {@code --line} or {@code --script}.
 *
 * <p>Threads: the caller's thread waits for the user to quit; one GUI thread ({@link GuiLoop}) owns
 * every Lanterna object and the {@link TuiState}; a key thread reads the terminal; the library's
 * reader thread, join attempts and timers only post to the GUI thread.
 */
public final class FullScreenClient {
    /** Exit status after the daemon's certificate was refused as changed: could not join (as line and script mode). */
    public static final int EXIT_UNTRUSTED = 3;

    /**
     * What one run needs besides the terminal and the daemon; {@code downloads} null: downloads/NAME/;
     * {@code notice}, when not null, is the chat pane's first line (the launcher's "started a daemon").
     */
    record Config(String name, String suggestedName, Path downloads, ZoneId zone, Clock clock, int scrollback,
                  String notice, java.time.Duration finishedRowsLinger, Path history, Preferences prefs) {
        Config {
            Objects.requireNonNull(prefs, "prefs");
            Objects.requireNonNull(suggestedName, "suggestedName");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(finishedRowsLinger, "finishedRowsLinger");
        }

        Config(String name, String suggestedName, Path downloads, ZoneId zone, Clock clock, int scrollback,
               String notice, java.time.Duration finishedRowsLinger, Path history) {
            this(name, suggestedName, downloads, zone, clock, scrollback, notice, finishedRowsLinger, history,
                    Preferences.DEFAULTS);
        }

        Config(String name, String suggestedName, Path downloads, ZoneId zone, Clock clock, int scrollback,
               String notice) {
            this(name, suggestedName, downloads, zone, clock, scrollback, notice, TransferBook.LINGER, null);
        }

        Config(String name, String suggestedName, Path downloads, ZoneId zone, Clock clock, int scrollback,
               String notice, java.time.Duration finishedRowsLinger) {
            this(name, suggestedName, downloads, zone, clock, scrollback, notice, finishedRowsLinger, null);
        }

        Config(String name, String suggestedName, Path downloads, ZoneId zone, Clock clock, int scrollback) {
            this(name, suggestedName, downloads, zone, clock, scrollback, null);
        }

        static Config of(String name, String suggestedName, Path downloads, String notice) {
            return of(name, suggestedName, downloads, notice, null);
        }

        static Config of(String name, String suggestedName, Path downloads, String notice, Path history) {
            return of(name, suggestedName, downloads, notice, history, Preferences.DEFAULTS);
        }

        static Config of(String name, String suggestedName, Path downloads, String notice, Path history,
                         Preferences prefs) {
            return new Config(name, suggestedName, downloads, ZoneId.systemDefault(), Clock.systemUTC(),
                    Scrollback.DEFAULT_CAPACITY, notice, TransferBook.LINGER, history, prefs);
        }
    }

    private FullScreenClient() {
    }

    /**
     * Joins as {@code options.name()} on {@code terminal}; returns the exit code when the user quits.
     * Over TLS, a server no CA, pin or known_hosts entry vouches for is asked about in a
     * {@link TrustDialog}, whatever trust decision {@code options} carry.
     */
    public static int run(ClientOptions options, Terminal terminal, Path downloadDir) throws IOException {
        TrustDialog trust = new TrustDialog();
        return start(Config.of(options.name(), options.name(), downloadDir, null), terminal,
                new ClientConnector(trust.askingFor(options)), trust).awaitExit();
    }

    /** Asks for the name first in a dialog that starts with {@code options.name()} filled in. */
    public static int runAskingName(ClientOptions options, Terminal terminal, Path downloadDir) throws IOException {
        TrustDialog trust = new TrustDialog();
        return start(Config.of(null, options.name(), downloadDir, null), terminal,
                new ClientConnector(trust.askingFor(options)), trust).awaitExit();
    }

    /**
     * As {@link #run} or {@link #runAskingName} on the process's own terminal, which it restores after;
     * {@code notice} (may be null) is shown as the chat pane's first line; the input history is read
     * from and added to {@code history} (line mode's file; null: none kept); {@code prefs} are the
     * user's choices (flags and the settings file). Joins go to the current server of {@code servers},
     * and a lost connection fails over to the next one.
     */
    public static int run(ClientOptions options, ServerRotation servers, boolean askName, Path downloadDir,
                          String notice, Path history, Preferences prefs) throws IOException {
        Charset charset = Charset.defaultCharset(); // what the factory would pick itself
        try (Terminal terminal = new DefaultTerminalFactory(System.out, System.in, charset)
                .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP).createTerminal()) {
            // Clusters go to System.out whole: the stream terminal would encode them char by char.
            ClusterTerminal cells = new ClusterTerminal(terminal, System.out, charset);
            Config config = Config.of(askName ? null : options.name(), options.name(), downloadDir, notice, history, prefs);
            TrustDialog trust = new TrustDialog();
            Running running = start(config, terminal, cells, new ClientConnector(trust.askingFor(options), servers),
                    trust);
            Paste.enable(System.out); // the factory's terminal writes to System.out
            boolean mouse = prefs.mouse() && terminal instanceof ExtendedTerminal;
            if (mouse) { // wheel events; Shift keeps the terminal's own text selection in most terminals
                ((ExtendedTerminal) terminal).setMouseCaptureMode(MouseCaptureMode.CLICK_RELEASE);
            }
            try {
                return running.awaitExit();
            } finally {
                if (mouse) {
                    ((ExtendedTerminal) terminal).setMouseCaptureMode(null);
                }
                Paste.disable(System.out);
            }
        }
    }

    /** A started client: wait for its exit code, or close it (tests). */
    static final class Running implements AutoCloseable {
        private final Controller controller;
        private final GuiLoop loop;
        private final Connection connection;
        private final TerminalScreen screen;
        private final ScheduledExecutorService timers;
        private final TrustDialog trust;
        private boolean closed;

        private final ChatLogs logs;

        private Running(Controller controller, GuiLoop loop, Connection connection, TerminalScreen screen,
                        ScheduledExecutorService timers, TrustDialog trust, ChatLogs logs) {
            this.logs = logs;
            this.trust = trust;
            this.controller = controller;
            this.loop = loop;
            this.connection = connection;
            this.screen = screen;
            this.timers = timers;
        }

        CompletableFuture<Integer> exit() {
            return controller.exit();
        }

        int awaitExit() {
            try {
                return exit().join();
            } finally {
                close();
            }
        }

        /** The GUI thread, for tests that measure its CPU time. */
        Thread guiThread() {
            return loop.getThread();
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            trust.close(); // a join waiting for an answer gives up before the connection closes
            loop.stop();
            try {
                loop.getThread().join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timers.shutdownNow();
            connection.close();
            if (logs != null) {
                logs.close();
            }
            try {
                screen.stopScreen();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Running start(Config config, Terminal terminal, Connector connector) throws IOException {
        return start(config, terminal, connector, new TrustDialog());
    }

    /** As above; {@code trust} is the decision of the connector's TLS options ({@link TrustDialog#askingFor}). */
    static Running start(Config config, Terminal terminal, Connector connector, TrustDialog trust) throws IOException {
        return start(config, terminal, new ClusterTerminal(terminal, null, StandardCharsets.UTF_8), connector, trust);
    }

    private static Running start(Config config, Terminal terminal, ClusterTerminal cells, Connector connector,
                                 TrustDialog trust) throws IOException {
        Paste.decodeMarks(terminal);
        ClusterScreen screen = new ClusterScreen(cells);
        screen.startScreen();
        GuiLoop loop = new GuiLoop();
        MultiWindowTextGUI gui = new MultiWindowTextGUI(GuiLoop.factory(loop), screen, new DefaultWindowManager(),
                null, new EmptySpace(TextColor.ANSI.DEFAULT));
        TuiState state = new TuiState(connector.address(), config.scrollback());
        state.bell = config.prefs().bell();
        state.smartFilter = config.prefs().smartJoins();
        if (config.prefs().logDir() != null) {
            state.logs = new ChatLogs(config.prefs().logDir(), config.zone());
        }
        ScreenView view = new ScreenView(state, config.zone(), trust);
        BasicWindow window = new BasicWindow();
        window.setHints(List.of(Window.Hint.FULL_SCREEN, Window.Hint.NO_DECORATIONS, Window.Hint.NO_POST_RENDERING));
        window.setComponent(view);
        gui.addWindow(window);
        view.takeFocus();

        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r ->
                Thread.ofPlatform().name("chat-timers").daemon().unstarted(r));
        Controller controller = new Controller(state, loop::invokeLater, config.clock(), config.downloads());
        trust.bind(loop::invokeLater, controller::quitUntrusted);
        controller.alerts(Alerts.on(cells, terminal));
        Connection connection = new Connection(trust.watching(connector), loop::invokeLater, timers,
                Backoff.forServer(connector.local()), controller);
        controller.bind(connection, new TransferBook(state, loop::invokeLater, timers, view::changed, config.clock(),
                config.finishedRowsLinger()));
        KeyMap keys = new KeyMap(state, controller, view::chatRows, screen::repaintAll);

        loop.onBatch(view::changed);
        terminal.addResizeListener((t, size) -> loop.wake());
        loop.start(gui);
        loop.startKeys(screen, terminal, key -> {
            // The dialogs, while open, take the keys.
            if (!trust.handle(key) && !state.passwords.handle(key)) {
                keys.handle(key);
            }
        });
        Runnable begin = () -> {
            if (config.name() != null) {
                controller.joinAs(config.name());
            } else {
                state.nameField.set(config.suggestedName());
                controller.askName("");
            }
        };
        loop.invokeLater(() -> {
            if (config.notice() != null) {
                state.scrollback().append(ChatLine.info(config.clock().millis(), config.notice()));
            }
            if (config.history() == null) {
                begin.run();
                return;
            }
            // The first screen does not wait for the history (JLine's reader, some 150 classes): it is
            // read on a virtual thread, then attached on the GUI thread before the join begins.
            Thread.ofVirtual().name("chat-history").start(() -> {
                HistoryFile shared = HistoryFile.open(config.history());
                loop.invokeLater(() -> {
                    if (shared != null) {
                        state.history.attach(shared);
                    }
                    begin.run();
                });
            });
        });
        return new Running(controller, loop, connection, screen, timers, trust, state.logs);
    }
}
