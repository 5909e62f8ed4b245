package dev.chat.client.cli;

import dev.chat.client.ChatClient;
import dev.chat.client.ClientOptions;
import dev.chat.client.JoinException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code chat} command: joins a daemon and chats line by line over stdin and stdout.
 *
 * <p>Threads: the main thread connects and then waits; a daemon platform thread reads stdin and
 * runs commands (a blocked stdin read cannot be interrupted, so it must not hold the JVM); the
 * client's reader thread prints events. Whichever ends first, {@code /quit}, end of input or the
 * daemon hanging up, decides the exit code.
 */
@Command(name = "chat", mixinStandardHelpOptions = true, version = "chat 0.1.0",
        description = "Terminal chat client. Type 'NAME: text', 'all: text', or /help.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:normal end", "1:connection lost", "2:usage error", "3:could not join"})
public final class ChatMain implements Callable<Integer> {
    static final int EXIT_OK = 0;
    static final int EXIT_CONNECTION_LOST = 1;
    static final int EXIT_CANNOT_JOIN = 3;

    @Option(names = "--server", paramLabel = "HOST[:PORT]", defaultValue = "localhost:13337",
            converter = AddressConverter.class, description = "daemon address (default: ${DEFAULT-VALUE})")
    private ServerAddress server;

    @Option(names = "--name", paramLabel = "NAME", required = true, description = "the name to join under")
    private String name;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    public ChatMain() {
        this(System.in, System.out, System.err);
    }

    ChatMain(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new ChatMain()).execute(args));
    }

    static CommandLine commandLine(ChatMain main) {
        return new CommandLine(main)
                .setOut(new java.io.PrintWriter(main.out, true))
                .setErr(new java.io.PrintWriter(main.err, true));
    }

    @Override
    public Integer call() {
        EventFormatter format = new EventFormatter(ZoneId.systemDefault());
        Output output = Output.of(out);
        ConsoleListener listener = new ConsoleListener(output, format);
        ClientOptions options = ClientOptions.builder().host(server.host()).port(server.port()).name(name).build();
        ChatClient client;
        try {
            client = ChatClient.connect(options, listener);
        } catch (JoinException e) {
            err.println(format.joinFailure(e));
            return EXIT_CANNOT_JOIN;
        }
        try (client) {
            output.println(format.welcome(client.welcome()));
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            listener.disconnected().thenAccept(cause -> exit.complete(cause == null ? EXIT_OK : EXIT_CONNECTION_LOST));
            CommandExecutor executor = new CommandExecutor(client, output, format);
            Thread.ofPlatform().daemon().name("chat-stdin").start(() -> {
                readCommands(executor, output, format);
                exit.complete(EXIT_OK);
            });
            return exit.join();
        }
    }

    private void readCommands(CommandExecutor executor, Output output, EventFormatter format) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!executor.execute(CommandParser.parse(line))) {
                    return;
                }
            }
        } catch (IOException e) {
            output.println(format.failure(e));
        }
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
