package dev.chat.daemon;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code chatd}: the command line of the chat daemon. Runs until killed; a shutdown hook closes it. */
@Command(name = "chatd", mixinStandardHelpOptions = true, version = DaemonConfig.SERVER,
        description = "Terminal chat daemon: JSON lines for clients, plain text for nc and telnet.")
public final class Chatd implements Callable<Integer> {
    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "13337", description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--files", defaultValue = "./files", description = "Shared files folder (default: ${DEFAULT-VALUE}).")
    Path files;

    @Option(names = "--max-clients", defaultValue = "10000", description = "Connections at once (default: ${DEFAULT-VALUE}).")
    int maxClients;

    @Option(names = "--idle-timeout", defaultValue = "60",
            description = "Seconds of silence before a session is dropped; pinged at half (default: ${DEFAULT-VALUE}).")
    int idleTimeout;

    @Option(names = "--rate-limit", defaultValue = "20",
            description = "Inbound frames per second per connection, 0 = off (default: ${DEFAULT-VALUE}).")
    double rateLimit;

    @Option(names = "--rate-burst", defaultValue = "50", description = "Frames a connection may send at once (default: ${DEFAULT-VALUE}).")
    int rateBurst;

    @Option(names = "--log-level", defaultValue = "info",
            description = "error, warn, info, debug or trace (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Chatd()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        DaemonConfig config;
        try {
            LogSetup.configure(LogSetup.parseLevel(logLevel));
            config = DaemonConfig.builder().bind(bind).port(port).files(files).maxClients(maxClients)
                    .idleTimeout(Duration.ofSeconds(idleTimeout)).rateLimit(rateLimit, rateBurst).build();
        } catch (IllegalArgumentException e) {
            err.println("chatd: " + e.getMessage());
            return 2;
        }
        ChatServer server = new ChatServer(config);
        try {
            server.start();
        } catch (BindException e) {
            err.println("chatd: cannot listen on " + bind + ":" + port + ": " + e.getMessage()
                    + " (is another chatd running? try --port)");
            return 1;
        } catch (NoSuchFileException | NotDirectoryException e) {
            err.println("chatd: the files folder " + files.toAbsolutePath().normalize()
                    + " does not exist or is not a folder (create it or pass --files)");
            return 1;
        } catch (IOException e) {
            err.println("chatd: cannot start: " + e);
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "chatd-shutdown"));
        spec.commandLine().getOut().println(DaemonConfig.SERVER + " listening on " + bind + ":" + server.port()
                + ", serving " + server.filesRoot());
        spec.commandLine().getOut().flush();
        server.awaitClosed();
        return 0;
    }
}
