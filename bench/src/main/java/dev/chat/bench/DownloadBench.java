package dev.chat.bench;

import dev.chat.client.ChatClient;
import dev.chat.client.ChatListener;
import dev.chat.client.ClientOptions;
import dev.chat.client.DownloadHandle;
import dev.chat.client.DownloadProgress;
import dev.chat.client.DownloadResult;
import dev.chat.client.KnownHosts;
import dev.chat.client.TlsOptions;
import dev.chat.client.TransferProtocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Times {@link ChatClient#download} of one shared file, several runs on one chat session, with the
 * daemon's and this client's CPU seconds and the kernel's and receiver's retransmission counts.
 * The time runs from the request to the verified, renamed file on disk (the client hashes the
 * file as it writes it and checks the SHA-256 at the end).
 */
@Command(name = "download", mixinStandardHelpOptions = true, description = "Timed downloads from a running chatd.")
final class DownloadBench implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1")
    String host;
    @Option(names = "--port", required = true)
    int port;
    @Option(names = "--file", required = true, description = "Shared file name.")
    String file;
    @Option(names = "--protocol", required = true, description = "tcp or udp.")
    String protocol;
    @Option(names = "--runs", defaultValue = "3")
    int runs;
    @Option(names = "--timeout", defaultValue = "100", description = "Seconds allowed for all runs together.")
    int timeoutSeconds;
    @Option(names = "--dir", required = true, description = "Where to save (each copy is deleted after its run).")
    Path dir;
    @Option(names = "--server-pid", defaultValue = "0", description = "Daemon process: CPU from /proc, TCP retransmissions of its namespace.")
    long serverPid;
    @Option(names = "--warmup-file", description = "Downloaded once, untimed, before the runs (JIT warm-up).")
    String warmupFile;
    @Option(names = "--partial", description = "A timed run that does not finish in time counts with the bytes it got "
            + "(and \"completed\": false), so a transfer that collapses still has a goodput.")
    boolean partial;

    @Option(names = "--label", defaultValue = "")
    String label;
    @Option(names = "--out")
    Path out;
    @Option(names = "--tls", description = "Chat session (and so a TCP data connection) over TLS; the daemon's certificate is trusted on first use into a throw-away known_hosts.")
    boolean tls;

    @Override
    public Integer call() throws Exception {
        Logger.getLogger("dev.chat").setLevel(Level.WARNING);
        TransferProtocol proto = TransferProtocol.parse(protocol)
                .orElseThrow(() -> new IllegalArgumentException("protocol must be tcp or udp"));
        Files.createDirectories(dir);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        List<Map<String, Object>> results = new ArrayList<>();
        try (ChatClient client = ChatClient.connect(options(), new ChatListener() { })) {
            if (tls && client.tlsFingerprint().isEmpty()) {
                throw new IllegalStateException("--tls, but the session is not encrypted");
            }
            if (warmupFile != null) {
                DownloadResult warm = client.download(warmupFile, proto, dir, null).result()
                        .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                Files.deleteIfExists(warm.file());
            }
            for (int run = 0; run < runs && System.nanoTime() < deadline; run++) {
                results.add(once(client, proto, deadline));
            }
        }
        double[] rates = results.stream().mapToDouble(r -> (double) r.get("mb_per_s")).sorted().toArray();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("label", label);
        result.put("protocol", proto.wireName());
        result.put("tls", tls);
        result.put("file", file);
        result.put("runs", results);
        result.put("mb_per_s_median", rates.length == 0 ? 0 : rates[rates.length / 2]);
        result.put("mb_per_s_best", rates.length == 0 ? 0 : rates[rates.length - 1]);
        result.put("mbit_per_s_median", rates.length == 0 ? 0 : ChatLoad.round(rates[rates.length / 2] * 8, 1));
        Json.write(result, out);
        return results.size() == runs ? 0 : 1;
    }

    private ClientOptions options() throws java.io.IOException {
        ClientOptions plain = ClientOptions.of(host, port, "bench-dl");
        if (!tls) {
            return plain;
        }
        Path knownHosts = Files.createTempFile("bench-known-hosts", "");
        Files.delete(knownHosts); // a fresh file each run: the first (and only) use is trusted
        knownHosts.toFile().deleteOnExit();
        return plain.toBuilder().tls(new TlsOptions(null, null, new KnownHosts(knownHosts), (hostPort, fingerprint) -> true))
                .build();
    }

    private Map<String, Object> once(ChatClient client, TransferProtocol proto, long deadline) throws Exception {
        ProcStats server0 = serverStats();
        NetStats net0 = NetStats.of(serverPid);
        NetStats self0 = NetStats.of(0);
        double cpu0 = ProcStats.selfCpuSeconds();
        long start = System.nanoTime();
        DownloadHandle download = client.download(file, proto, dir, null);
        DownloadResult done = null;
        String failure = null;
        try {
            done = download.result().get(Math.max(1, deadline - start), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            if (!partial) {
                throw e;
            }
            failure = e instanceof ExecutionException ? String.valueOf(e.getCause().getMessage()) : "out of time";
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        DownloadProgress progress = download.progress();
        long bytes = done != null ? done.bytes() : progress.bytesDone();
        if (done == null && failure.equals("out of time")) {
            download.cancel();
            download.result().handle((r, e) -> null).get(10, TimeUnit.SECONDS); // the part file is closed
        }
        double cpu = ProcStats.selfCpuSeconds() - cpu0;
        ProcStats server1 = serverStats();
        NetStats net = NetStats.of(serverPid).minus(net0);
        NetStats self = NetStats.of(0).minus(self0);
        if (done != null) {
            Files.deleteIfExists(done.file());
        } else {
            Files.deleteIfExists(dir.resolve(file + ".part"));
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("completed", done != null);
        if (failure != null) {
            run.put("failure", failure);
        }
        run.put("bytes", bytes);
        run.put("seconds", ChatLoad.round(seconds, 3));
        run.put("mb_per_s", ChatLoad.round(bytes / seconds / 1e6, 1));
        run.put("client_cpu_seconds", ChatLoad.round(cpu, 2));
        run.put("server_cpu_seconds", ChatLoad.round(server1.cpuSeconds() - server0.cpuSeconds(), 2));
        run.put("tcp_retrans_segs_server_ns", serverPid > 0 ? net.tcpRetransSegs() : null);
        // the daemon's own count, from its latest transfer_stats report (up to 250 ms old)
        run.put("udp_retransmissions_by_sender", progress.udp() == null ? null : progress.udp().retransmissions());
        run.put("udp_rcvbuf_drops_client_ns", self.udpRcvbufErrors());
        return run;
    }

    private ProcStats serverStats() {
        return serverPid > 0 ? ProcStats.of(serverPid) : new ProcStats(Double.NaN, -1);
    }
}
