package dev.chat.client.cli;

import dev.chat.client.command.CommandParser;
import dev.chat.client.ChatClient;
import dev.chat.client.ChatListener;
import dev.chat.client.ChatSession;
import dev.chat.client.tui.Backoff;
import dev.chat.client.ClientOptions;
import dev.chat.client.JoinException;
import dev.chat.client.KnownHosts;
import dev.chat.client.ResumePoint;
import dev.chat.client.ServerAddress;
import dev.chat.client.ServerRotation;
import dev.chat.client.TlsOptions;
import dev.chat.client.TrustDecision;
import dev.chat.client.tui.FullScreenClient;
import dev.chat.client.tui.Preferences;
import dev.chat.wire.Names;
import dev.chat.wire.ProtocolException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The {@code chat} command: parses the command line, picks the mode (full-screen on a terminal,
 * {@code --line}, {@code --script}; piped input runs as {@code --script -}), joins and hands over. Exit codes are constants here and documented in {@code --help} and docs/client.md.
 */
@Command(name = "chat", mixinStandardHelpOptions = true, version = "chat 0.1.0", sortOptions = false,
        description = {"Terminal chat client.",
                "Type 'NAME: text' (private), 'all: text' (everyone), 'text' (current target) or /help."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every command succeeded (script mode); /quit or Ctrl-D (line mode)",
                "1:a command failed: the daemon's error code and message on stderr, the script stops there;"
                        + " or the connection was lost (script mode; line mode rejoins)",
                "2:usage error: bad flag, unknown command, unreadable script",
                "3:could not join: unreachable, NAME_TAKEN, NAME_INVALID, SERVER_FULL,"
                        + " or the server's TLS certificate is not trusted or has changed"})
public final class ChatMain implements Callable<Integer> {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_CANNOT_JOIN = 3;
    static final String STDIN = "-";

    @Option(names = "--server", paramLabel = "HOST[:PORT][,HOST[:PORT]...]", defaultValue = "localhost:13337",
            split = ",", converter = AddressConverter.class,
            description = "daemon address (default: ${DEFAULT-VALUE}); several (the nodes of a cluster): joins go to"
                    + " the first that answers, a lost connection moves on to the next")
    private List<ServerAddress> servers;

    @Option(names = "--name", paramLabel = "NAME",
            description = "the name to join under (required in line and script mode; the full-screen client asks)")
    private String name;

    @Option(names = "--download-dir", paramLabel = "DIR", description = "where /get saves files (default: chat/ in the XDG download folder, ~/Downloads/chat)")
    private Path downloadDir;

    @Option(names = "--log-dir", paramLabel = "DIR",
            description = "the full-screen client appends each conversation to a plain-text log file in DIR (default: none)")
    private Path logDir;

    @Option(names = "--bell", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "ring the terminal's bell for private messages and mentions (full-screen; default: on)")
    private boolean bell;

    @Option(names = "--join-filter", paramLabel = "smart|all", defaultValue = "smart",
            description = "smart: show joins and leaves only of people who spoke lately; all: every one (full-screen)")
    private String joinFilter;

    @Option(names = "--mouse", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "the mouse wheel scrolls the chat pane (full-screen; --no-mouse leaves the mouse to the terminal's text selection)")
    private boolean mouse;

    @ArgGroup(exclusive = true)
    private ModeOptions mode = new ModeOptions();

    @Option(names = "--json", description = "events and command results as one JSON object per line on stdout")
    private boolean json;

    /** For launchers: validate before acting (scripts/chat must not start a daemon for a usage error). */
    @Option(names = "--check-args", hidden = true,
            description = "check the command line and a script file, then exit: 0 when chat would run, 2 when not")
    private boolean checkArgs;

    /** For launchers: a line the full-screen client shows first, where the terminal's stderr is hidden. */
    @Option(names = "--notice", hidden = true, paramLabel = "TEXT",
            description = "a first line for the full-screen client's chat pane (other modes print nothing)")
    private String notice;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "the password of a registered name (its first line), for the join and /register;"
                    + " else the CHAT_PASSWORD variable; line mode asks when neither is given")
    private Path passwordFile;

    @Option(names = "--new-password-file", paramLabel = "FILE",
            description = "script mode's /password: the new password (its first line); else the CHAT_NEW_PASSWORD"
                    + " variable; line mode and the full-screen client ask")
    private Path newPasswordFile;

    @Option(names = "--tls", negatable = true,
            description = "encrypt with TLS (default: on, except for a server on this machine); --no-tls for plaintext")
    private Boolean tls;

    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = "trust the server only if certified by these PEM CA certificates (no trust on first use)")
    private Path tlsCa;

    @Option(names = "--tls-fingerprint", paramLabel = "SHA256:...",
            description = "trust the server whose certificate has this fingerprint ('chatd --fingerprint' shows it)")
    private String tlsFingerprint;

    private final Environment env;
    /** How long a /get may go without progress; shortened by tests. */
    private Duration stallLimit = CommandExecutor.DEFAULT_STALL_LIMIT;

    static final class ModeOptions {
        @Option(names = "--line", description = "interactive line mode (JLine) instead of the full-screen client")
        boolean line;

        @Option(names = "--script", paramLabel = "FILE|-", description = "run the commands in FILE (- for stdin), then exit")
        String script;
    }

    public ChatMain() {
        this(Environment.system());
    }

    ChatMain(Environment env) {
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new ChatMain()).execute(args));
    }

    /** The command line, its flags' defaults taken from the settings file ({@link Settings}) when it is valid. */
    static CommandLine commandLine(ChatMain main) {
        CommandLine line = new CommandLine(main)
                .setOut(new PrintWriter(main.env.out(), true))
                .setErr(new PrintWriter(main.env.err(), true));
        try {
            line.setDefaultValueProvider(Settings.load(main.env.config()).defaults());
        } catch (Settings.SettingsException e) {
            main.settingsError = e.getMessage(); // call() reports it: a usage error before anything runs
        }
        return line;
    }

    /** Why the settings file could not be used, or null. */
    private String settingsError;

    ChatMain stallLimit(Duration limit) {
        stallLimit = limit;
        return this;
    }

    @Override
    public Integer call() throws Exception {
        if (settingsError != null) {
            env.err().println("chat: settings: " + settingsError);
            return EXIT_USAGE;
        }
        if (!joinFilter.equals("smart") && !joinFilter.equals("all")) {
            env.err().println("chat: --join-filter expects smart or all, not '" + joinFilter + "'");
            return EXIT_USAGE;
        }
        if (tlsFingerprint != null && !dev.chat.wire.Fingerprint.isValid(tlsFingerprint)) {
            env.err().println("chat: --tls-fingerprint expects SHA256: and 43 base64 characters, as 'chatd --fingerprint' prints");
            return EXIT_USAGE;
        }
        boolean fullScreen = env.interactive() && !mode.line && mode.script == null && !json;
        if (!fullScreen && (name == null || name.isBlank())) {
            env.err().println("chat: --name NAME is required in script and line mode (try --help)");
            return EXIT_USAGE;
        }
        EventFormatter format = new EventFormatter(ZoneId.systemDefault());
        if (checkArgs) {
            // The same checks as a real run, up to joining; standard input is left unread.
            boolean scriptFile = mode.script != null && !mode.script.equals(STDIN);
            return scriptFile && readScript(Path.of(mode.script), reporter(format)) == null ? EXIT_USAGE : EXIT_OK;
        }
        if (fullScreen) {
            return runFullScreen();
        }
        if (mode.script == null && env.interactive()) {
            return new LineConsole((reporter, directory, transfers, trust, prompt, lineMode) -> session(reporter,
                    directory, transfers, trust, prompt, true, lineMode), env, json, format).run();
        }
        Reporter reporter = reporter(format);
        LineFeed feed;
        if (mode.script == null || mode.script.equals(STDIN)) {
            feed = LineFeed.reading(new InputStreamReader(env.in(), StandardCharsets.UTF_8));
        } else {
            List<String> lines = readScript(Path.of(mode.script), reporter);
            if (lines == null) {
                return EXIT_USAGE;
            }
            feed = LineFeed.of(lines);
        }
        return session(reporter, new Directory(), new TransferLines(), TrustDecision.REFUSE, null, false,
                (executor, listener) -> new ScriptMode(executor, reporter, listener.disconnected()).run(feed));
    }

    private Reporter reporter(EventFormatter format) {
        return json ? new JsonReporter(Output.of(env.out()), Output.of(env.err()), format)
                : new TextReporter(Output.of(env.out()), Output.of(env.err()), format);
    }

    /** The whole file, checked before joining; null (reported) when unreadable or not all commands. */
    private static List<String> readScript(Path file, Reporter reporter) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            reporter.failure(null, Failure.usage("cannot read the script " + file + ": it is not UTF-8 text"));
            return null;
        } catch (NoSuchFileException e) {
            reporter.failure(null, Failure.usage("cannot read the script " + file + ": no such file"));
            return null;
        } catch (IOException e) {
            reporter.failure(null, Failure.usage("cannot read the script " + file + ": " + e));
            return null;
        }
        for (int i = 0; i < lines.size(); i++) {
            if (CommandParser.parse(lines.get(i)) instanceof dev.chat.client.command.Command.Invalid invalid) {
                reporter.failure(lines.get(i), Failure.usage(file + " line " + (i + 1) + ": " + invalid.reason()));
                return null;
            }
        }
        return lines;
    }

    /**
     * The full-screen client on the process's terminal. Without --name it asks, starting from the
     * login name; without --download-dir it saves to the user's download folder (StatePaths#downloads).
     */
    private int runFullScreen() throws IOException {
        boolean askName = name == null || name.isBlank();
        String initial = askName ? suggestedName() : name;
        // REFUSE is replaced: the full-screen client asks about a new server in its own dialog.
        String password;
        try {
            password = Passwords.preset(passwordFile, System.getenv());
        } catch (IOException e) {
            env.err().println("chat: no password: " + e.getMessage());
            return EXIT_USAGE;
        }
        ClientOptions options = ClientOptions.builder().host(servers.getFirst().host()).port(servers.getFirst().port())
                .name(initial).tls(tlsOptions(TrustDecision.REFUSE)).password(password).build();
        return FullScreenClient.run(options, new ServerRotation(servers), askName,
                downloadDir != null ? downloadDir : defaultDownloads(), notice, env.history(),
                new Preferences(logDir, bell, joinFilter.equals("smart"), mouse));
    }

    private static Path defaultDownloads() {
        return StatePaths.downloads(System.getenv(), System.getProperty("user.home"));
    }

    /** The login name when it is a valid chat name, else a neutral one. */
    private static String suggestedName() {
        String login = System.getProperty("user.name", "");
        try {
            return Names.validate(login);
        } catch (ProtocolException e) {
            return "guest";
        }
    }

    /** What runs once joined. */
    @FunctionalInterface
    interface Mode {
        int run(CommandExecutor executor, ConsoleListener listener) throws Exception;
    }

    /**
     * Joins, runs {@code mode}, leaves: {@link #EXIT_CANNOT_JOIN} when joining fails (a wrong or
     * missing password of a registered name included). With {@code rejoin} (line mode) a lost
     * connection is rejoined by a {@link Rejoiner} and the mode goes on; without (script mode) it
     * ends the mode, which fails fast.
     *
     * @param prompt asks for passwords on the terminal (line mode); null to use only --password-file
     *               and CHAT_PASSWORD (script mode)
     */
    int session(Reporter reporter, Directory directory, TransferLines transfers, TrustDecision trust,
                LineConsole.PasswordPrompt prompt, boolean rejoin, Mode mode) throws Exception {
        MessageLog log = new MessageLog();
        ConsoleListener listener = new ConsoleListener(reporter, log, directory);
        String preset;
        String replacement;
        try {
            preset = Passwords.preset(passwordFile, System.getenv());
            replacement = prompt != null ? null
                    : Passwords.preset(newPasswordFile, System.getenv(), Passwords.NEW_VARIABLE);
        } catch (IOException e) {
            reporter.failure(null, Failure.usage("no password: " + e.getMessage()));
            return EXIT_USAGE;
        }
        Passwords passwords = prompt == null ? Passwords.fixed(preset, replacement) : prompt.passwords(preset);
        ClientOptions options = ClientOptions.builder().host(servers.getFirst().host()).port(servers.getFirst().port())
                .name(name).tls(tlsOptions(trust)).build();
        Credential credential = new Credential(preset);
        Rejoiner.Joiner joiner = new Joins(new ServerRotation(servers), options, passwords, credential);
        Rejoiner rejoiner = rejoin ? new Rejoiner(joiner, listener, reporter, directory,
                Backoff.forServer(servers.stream().allMatch(s -> isLoopback(s.host())))) : null;
        ChatSession session;
        try {
            session = rejoin ? rejoiner.join(name) : joiner.join(name, listener, null);
        } catch (JoinException e) {
            reporter.joinFailed(Failure.of(e));
            return EXIT_CANNOT_JOIN;
        }
        try {
            directory.usersOnline(session.welcome().users());
            reporter.welcome(session.welcome());
            session.tlsFingerprint().ifPresent(reporter::encrypted);
            Path directoryForFiles = downloadDir != null ? downloadDir : defaultDownloads();
            CommandExecutor.GetRunner downloads = new CommandExecutor.GetRunner(session, directoryForFiles, transfers, stallLimit);
            CommandExecutor executor = new CommandExecutor(session, log, directory, downloads, reporter,
                    rejoin ? rejoiner : CommandExecutor.Link.NONE, passwords, credential);
            return mode.run(executor, listener);
        } finally {
            if (rejoin) {
                rejoiner.close();
            } else {
                session.close();
            }
        }
    }

    /**
     * Line and script mode's joins: to the current server of the rotation (the next reachable one
     * when it is not), with the session's {@link Credential}; a registered name without a password
     * is asked for once, where asking is possible, and the answer kept for later rejoins.
     */
    private record Joins(ServerRotation servers, ClientOptions options, Passwords passwords, Credential credential)
            implements Rejoiner.Joiner {
        @Override
        public ChatSession join(String as, ChatListener listener, ResumePoint resume) throws JoinException {
            ClientOptions named = options.withName(as);
            try {
                return joinOnce(named.withPassword(credential.get()), listener, resume);
            } catch (JoinException e) {
                boolean needsOne = e.code().filter(c -> c == dev.chat.wire.ErrorCode.PASSWORD_REQUIRED).isPresent();
                String asked = needsOne && credential.get() == null ? passwords.ask(as) : null;
                if (asked == null) {
                    throw e;
                }
                ChatClient client = joinOnce(named.withPassword(asked), listener, resume);
                credential.set(asked);
                return client;
            }
        }

        private ChatClient joinOnce(ClientOptions with, ChatListener listener, ResumePoint resume) throws JoinException {
            dev.chat.client.Handshake handshake = servers.open(with);
            try {
                return handshake.join(with.name(), listener, resume);
            } finally {
                handshake.close(); // no-op once joined: the connection belongs to the client then
            }
        }

        @Override
        public void failover() {
            servers.failover();
        }

        @Override
        public String server() {
            return servers.current().toString();
        }
    }

    /** TLS unless --no-tls, or servers all on this machine without --tls; null for plaintext. */
    private TlsOptions tlsOptions(TrustDecision trust) {
        boolean encrypt = tls != null ? tls
                : tlsCa != null || tlsFingerprint != null || !servers.stream().allMatch(s -> isLoopback(s.host()));
        return encrypt ? new TlsOptions(tlsCa, tlsFingerprint, new KnownHosts(env.knownHosts()), trust) : null;
    }

    /** Loopback traffic never leaves the machine: plaintext is the default there, as nc users expect. */
    private static boolean isLoopback(String host) {
        return ClientOptions.isLoopback(host);
    }

    static final class AddressConverter implements CommandLine.ITypeConverter<ServerAddress> {
        @Override
        public ServerAddress convert(String value) {
            try {
                return ServerAddress.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("invalid --server '" + value + "': " + e.getMessage());
            }
        }
    }
}
