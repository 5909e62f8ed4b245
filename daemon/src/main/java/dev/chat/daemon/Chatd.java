package dev.chat.daemon;

import dev.chat.daemon.transfer.ImpairmentSettings;
import dev.chat.daemon.transfer.TransferSettings;
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

    @Option(names = "--max-transfers", defaultValue = "8",
            description = "Downloads a session may hold at once (default: ${DEFAULT-VALUE}).")
    int maxTransfers;

    @Option(names = "--udp-payload", defaultValue = "1200",
            description = "Largest UDP payload in bytes, 16..65000 (default: ${DEFAULT-VALUE}).")
    int udpPayload;

    @Option(names = "--udp-loss", defaultValue = "0", description = "Impairment: drop this share of UDP datagrams, 0..1.")
    double udpLoss;

    @Option(names = "--udp-dup", defaultValue = "0", description = "Impairment: duplicate this share of UDP datagrams.")
    double udpDup;

    @Option(names = "--udp-reorder", defaultValue = "0", description = "Impairment: hold back this share 1..4 ms.")
    double udpReorder;

    @Option(names = "--udp-delay", defaultValue = "0", description = "Impairment: delay every UDP datagram this many ms.")
    int udpDelay;

    @Option(names = "--udp-corrupt", defaultValue = "0", description = "Impairment: flip a bit in this share of datagrams.")
    double udpCorrupt;

    @Option(names = "--impair-seed", defaultValue = "1", description = "Seed of the impairment decisions (default: ${DEFAULT-VALUE}).")
    long impairSeed;

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
                    .idleTimeout(Duration.ofSeconds(idleTimeout)).rateLimit(rateLimit, rateBurst)
                    .transfers(TransferSettings.DEFAULTS.withMaxPerSession(maxTransfers).withUdpPayload(udpPayload)
                            .withImpairment(new ImpairmentSettings(udpLoss, udpDup, udpReorder, udpDelay, udpCorrupt,
                                    impairSeed)))
                    .build();
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
