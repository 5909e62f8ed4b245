package dev.chat.client;

import dev.chat.daemon.ChatServer;
import dev.chat.daemon.DaemonConfig;
import dev.chat.daemon.transfer.ImpairmentSettings;
import dev.chat.daemon.transfer.TransferSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A timed loopback run, not a test: {@code java ... dev.chat.client.DownloadBenchmark SIZE_MIB PAYLOAD LOSS}.
 * Prints MB/s for TCP and UDP (best of three runs after one warm-up).
 */
public final class DownloadBenchmark {
    private static final Logger QUIET = Logger.getLogger("dev.chat");

    private DownloadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        QUIET.setLevel(Level.WARNING);
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int payload = args.length > 1 ? Integer.parseInt(args[1]) : 1200;
        double loss = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        String only = args.length > 3 ? args[3] : "both";
        Path shared = Files.createTempDirectory("bench-shared");
        Path downloads = Files.createTempDirectory("bench-dl");
        byte[] data = new byte[mib << 20];
        new Random(1).nextBytes(data);
        Files.write(shared.resolve("big.bin"), data);
        TransferSettings settings = TransferSettings.DEFAULTS.withUdpPayload(payload)
                .withImpairment(new ImpairmentSettings(loss, 0, 0, 0, 0, 1));
        try (ChatServer server = new ChatServer(DaemonConfig.builder().bind("127.0.0.1").port(0).files(shared)
                .transfers(settings).build()).start();
             ChatClient client = ChatClient.connect(ClientOptions.of("127.0.0.1", server.port(), "bench"),
                     new ChatListener() { })) {
            for (TransferProtocol protocol : TransferProtocol.values()) {
                if (!only.equals("both") && !only.equalsIgnoreCase(protocol.name())) {
                    continue;
                }
                double best = 0;
                for (int run = 0; run < 4; run++) {
                    long start = System.nanoTime();
                    DownloadResult result = client.download("big.bin", protocol, downloads, null).result()
                            .get(600, TimeUnit.SECONDS);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    Files.delete(result.file());
                    double rate = data.length / seconds / 1e6;
                    if (run > 0) {
                        best = Math.max(best, rate);
                    }
                    System.out.printf("%s run %d: %d MiB in %.3f s = %.1f MB/s%n", protocol, run, mib, seconds, rate);
                }
                System.out.printf("%s best: %.1f MB/s (file %d MiB, UDP payload %d, loss %.0f%%, incl. SHA-256 verify)%n",
                        protocol, best, mib, payload, loss * 100);
            }
        }
    }
}
