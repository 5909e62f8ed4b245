package dev.chat.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The chat load generator: N clients join (on virtual threads, a bounded number at a time), then
 * an open-loop sender sends stamped broadcasts or private messages at a fixed rate while every
 * client's reader records the delivery latency; or, for {@code idle}, the clients just stay
 * connected while the server's memory is sampled. Writes one JSON result.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Chat load: broadcast, private or idle scenario against our daemon or an IRC server.")
final class ChatLoad implements Callable<Integer> {
    enum Protocol { chat, irc }

    enum Scenario { broadcast, privates, idle }

    @Option(names = "--protocol", defaultValue = "chat", description = "chat (ours) or irc.")
    Protocol protocol;
    @Option(names = "--server", defaultValue = "chatd", description = "Label of the server under test, for the report.")
    String serverLabel;
    @Option(names = "--host", defaultValue = "127.0.0.1")
    String host;
    @Option(names = "--port", required = true, split = ",",
            description = "Port, or ports of a cluster's nodes: client i joins node i mod n, and each delivery is"
                    + " also measured apart when its sender was on another node.")
    int[] ports;
    @Option(names = "--scenario", required = true, description = "broadcast, privates or idle.")
    Scenario scenario;
    @Option(names = "--clients", defaultValue = "1000", description = "Clients (privates: twice the pairs).")
    int clients;
    @Option(names = "--rate", defaultValue = "100", description = "Messages sent per second, all clients together.")
    double rate;
    @Option(names = "--warmup", defaultValue = "5", description = "Seconds of load before measuring.")
    int warmupSeconds;
    @Option(names = "--duration", defaultValue = "20", description = "Seconds measured.")
    int durationSeconds;
    @Option(names = "--hold", defaultValue = "60", description = "idle: seconds the clients stay connected.")
    int holdSeconds;
    @Option(names = "--join-concurrency", defaultValue = "50", description = "Handshakes in flight at once.")
    int joinConcurrency;
    @Option(names = "--join-timeout", defaultValue = "60", description = "Seconds allowed for all clients to join.")
    int joinTimeoutSeconds;
    @Option(names = "--server-pid", defaultValue = "0", description = "Server process for CPU and RSS from /proc.")
    long serverPid;
    @Option(names = "--jcmd", description = "idle: jcmd to measure the Java heap of the server after a GC.")
    Path jcmd;
    @Option(names = "--out", description = "JSON result file (default: standard output).")
    Path out;
    @Option(names = "--tls", description = "chat protocol over TLS (the daemon's certificate is not checked: cost, not trust, is measured).")
    boolean tls;

    /** The quantiles each load result lists, for the latency distribution plots. */
    private static final double[] PLOTTED_QUANTILES = {0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.995, 0.999, 0.9999, 1.0};

    /** Client {@code i} joined as {@code u<i>}; null where it could not connect. */
    private LoadClient[] byIndex = new LoadClient[0];

    @Override
    public Integer call() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("server", serverLabel);
        result.put("protocol", protocol.name());
        result.put("scenario", scenario.name());
        result.put("tls", tls);
        result.put("clients", clients);
        result.put("nodes", ports.length);
        LoadRecorder recorder = new LoadRecorder();
        result.put("load_average_before", loadAverage());
        ProcStats before = serverStats();
        result.put("server_rss_before_mib", mib(before.rssBytes()));
        try {
            long joinStart = System.nanoTime();
            int joinedCount = joinAll(recorder);
            ProcStats joined = serverStats();
            result.put("join_seconds", round((System.nanoTime() - joinStart) / 1e9, 2));
            result.put("join_server_cpu_seconds", round(joined.cpuSeconds() - before.cpuSeconds(), 2));
            result.put("server_rss_joined_mib", mib(joined.rssBytes()));
            result.put("clients_joined", joinedCount);
            if (scenario == Scenario.idle) {
                idle(result, before, joinedCount);
            } else if (joinedCount < clients) {
                throw new IOException("only " + joinedCount + " of " + clients + " clients joined within "
                        + joinTimeoutSeconds + " s");
            } else {
                load(result, recorder);
            }
        } catch (Exception e) {
            result.put("failure", String.valueOf(e.getMessage()));
            recorder.error("run failed: " + e.getMessage());
        } finally {
            result.put("load_average_after", loadAverage());
            result.put("errors", recorder.errors());
            result.put("first_errors", recorder.firstErrors());
            for (LoadClient client : byIndex) {
                if (client != null) {
                    client.close();
                }
            }
        }
        Json.write(result, out);
        // The errors of the run, not what the goodbyes at the end may bring (a server's reply to QUIT).
        return ((Number) result.get("errors")).longValue() == 0 ? 0 : 1;
    }

    /**
     * Joins every client, a bounded number of handshakes at a time, until all have joined, one
     * failed, or the join time is up; returns how many joined. Every join makes the server tell
     * everyone already there (user_joined, or the channel's JOIN), so joining N clients costs
     * O(N^2) lines; the idle scenario therefore goes on with the clients that made it in time.
     */
    private int joinAll(LoadRecorder recorder) throws InterruptedException {
        javax.net.ssl.SSLSocketFactory tlsFactory = tls ? BenchTls.trustingAnyServer() : null;
        Semaphore inFlight = new Semaphore(joinConcurrency);
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicInteger done = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(joinTimeoutSeconds);
        byIndex = new LoadClient[clients];
        for (int i = 0; i < clients && failure.get() == null; i++) {
            if (!inFlight.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            String name = "u" + i;
            int index = i;
            Thread.ofVirtual().start(() -> {
                try {
                    InetSocketAddress server = new InetSocketAddress(host, ports[index % ports.length]);
                    LoadClient client = protocol == Protocol.chat ? new JsonLoadClient(server, tlsFactory) : new IrcLoadClient(server);
                    byIndex[index] = client;
                    client.join(name, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                    client.startReader(ports.length == 1 ? recorder : new NodeSink(recorder, index % ports.length,
                            ports.length));
                    done.incrementAndGet();
                } catch (Exception e) {
                    failure.compareAndSet(null, new IOException("client " + name + ": " + e.getMessage(), e));
                } finally {
                    inFlight.release();
                }
            });
        }
        // All handshakes have ended (joined, failed or timed out) once every permit is back.
        inFlight.tryAcquire(joinConcurrency, Math.max(1, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(2),
                TimeUnit.NANOSECONDS);
        if (failure.get() != null) {
            recorder.error("join failed: " + failure.get().getMessage());
        }
        return done.get();
    }

    private void load(Map<String, Object> result, LoadRecorder recorder) throws InterruptedException {
        List<LoadClient> byName = orderedClients();
        result.put("rate_per_second", rate);
        long start = System.nanoTime() + 100_000_000L;
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(durationSeconds);
        recorder.window(measureFrom, measureTo);
        ProcStats[] server = new ProcStats[2];
        double[] self = new double[2];
        long sentInWindow = sendUntil(byName, recorder, start, measureTo, measureFrom,
                () -> { server[0] = serverStats(); self[0] = ProcStats.selfCpuSeconds(); });
        server[1] = serverStats();
        self[1] = ProcStats.selfCpuSeconds();
        int perMessage = scenario == Scenario.broadcast ? clients - 1 : 1;
        long expected = sentInWindow * perMessage;
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (recorder.windowDeliveries() < expected && System.nanoTime() < drainUntil) {
            Thread.sleep(20);
        }
        // A server that fell behind does the rest of the window's work while draining: count it too.
        ProcStats drained = serverStats();
        LatencyHistogram h = recorder.latency();
        result.put("measured_seconds", durationSeconds);
        result.put("sent", sentInWindow);
        result.put("expected_deliveries", expected);
        result.put("deliveries", recorder.windowDeliveries());
        result.put("missing_deliveries", expected - recorder.windowDeliveries());
        result.put("deliveries_per_second", round(recorder.windowDeliveries() / (double) durationSeconds, 0));
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", ms(h.percentileNanos(0.5)));
        latency.put("p99", ms(h.percentileNanos(0.99)));
        latency.put("p999", ms(h.percentileNanos(0.999)));
        latency.put("max", ms(h.maxNanos()));
        latency.put("mean", round(h.meanNanos() / 1e6, 3));
        result.put("latency_ms", latency);
        if (ports.length > 1) {
            LatencyHistogram cross = recorder.crossNodeLatency();
            result.put("cross_node_deliveries", recorder.crossNodeDeliveries());
            result.put("cross_node_latency_ms", Map.of("p50", ms(cross.percentileNanos(0.5)),
                    "p99", ms(cross.percentileNanos(0.99)), "p999", ms(cross.percentileNanos(0.999)),
                    "max", ms(cross.maxNanos())));
        }
        Map<String, Object> distribution = new LinkedHashMap<>();
        for (double q : PLOTTED_QUANTILES) {
            distribution.put(String.valueOf(q), ms(h.percentileNanos(q)));
        }
        result.put("latency_quantiles_ms", distribution);
        result.put("server_cpu_seconds", round(server[1].cpuSeconds() - server[0].cpuSeconds(), 2));
        result.put("server_cpu_seconds_until_drained", round(drained.cpuSeconds() - server[0].cpuSeconds(), 2));
        result.put("server_rss_mib", mib(server[1].rssBytes()));
        result.put("generator_cpu_seconds", round(self[1] - self[0], 2));
    }

    /**
     * Sends at the fixed rate from {@code start} until {@code stop}; each text is stamped with its
     * scheduled time, not the time it left, so a stalled send shows as latency (no coordinated
     * omission). Returns the number of messages scheduled inside the measurement window.
     */
    private long sendUntil(List<LoadClient> byName, LoadRecorder recorder, long start, long stop, long measureFrom,
                           Runnable atMeasureStart) {
        long inWindow = 0;
        boolean measuring = false;
        int pairs = clients / 2;
        for (long i = 0; ; i++) {
            long due = start + (long) (i * 1e9 / rate);
            if (due - stop >= 0) {
                return inWindow;
            }
            if (!measuring && due - measureFrom >= 0) {
                atMeasureStart.run();
                measuring = true;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            // Counted by its stamp, the rule the recorder counts deliveries by: with several nodes
            // the stamp carries the sender's node in its low bits and can fall 1 ns before the window.
            long stamp = NodeSink.stamp(due, senderNode(i), ports.length);
            if (stamp - measureFrom >= 0) {
                inWindow++;
            }
            String text = Stamp.text(i, stamp);
            try {
                if (scenario == Scenario.broadcast) {
                    byName.get((int) (i % clients)).sendBroadcast(text);
                } else {
                    int pair = (int) (i % pairs);
                    boolean reverse = (i / pairs) % 2 == 1;
                    int from = 2 * pair + (reverse ? 1 : 0);
                    int to = 2 * pair + (reverse ? 0 : 1);
                    byName.get(from).sendPrivate("u" + to, text);
                }
            } catch (IOException e) {
                recorder.error("send failed: " + e.getMessage());
            }
        }
    }

    /** The node of message {@code i}'s sender (client i mod clients, or the pair's sender, joined at index mod nodes). */
    private int senderNode(long i) {
        if (scenario == Scenario.broadcast) {
            return (int) (i % clients) % ports.length;
        }
        int pairs = clients / 2;
        int pair = (int) (i % pairs);
        boolean reverse = (i / pairs) % 2 == 1;
        return (2 * pair + (reverse ? 1 : 0)) % ports.length;
    }

    private void idle(Map<String, Object> result, ProcStats before, int joinedCount) throws Exception {
        ProcStats joinedStats = serverStats();
        long peakRss = joinedStats.rssBytes();
        long holdUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(holdSeconds);
        while (System.nanoTime() < holdUntil) {
            Thread.sleep(Math.min(1000, Math.max(1, TimeUnit.NANOSECONDS.toMillis(holdUntil - System.nanoTime()))));
            peakRss = Math.max(peakRss, serverStats().rssBytes());
        }
        ProcStats end = serverStats();
        result.put("hold_seconds", holdSeconds);
        result.put("server_rss_joined_mib", mib(joinedStats.rssBytes()));
        result.put("server_rss_end_mib", mib(end.rssBytes()));
        result.put("server_rss_peak_mib", mib(peakRss));
        result.put("server_rss_per_client_kib", round((end.rssBytes() - before.rssBytes()) / 1024.0 / Math.max(1, joinedCount), 1));
        result.put("server_cpu_seconds_during_hold", round(end.cpuSeconds() - joinedStats.cpuSeconds(), 2));
        if (jcmd != null && serverPid > 0) {
            long heap = JavaHeap.usedAfterGc(jcmd, serverPid);
            result.put("server_heap_used_after_gc_mib", mib(heap));
            result.put("server_heap_per_client_kib", heap < 0 ? null : round(heap / 1024.0 / Math.max(1, joinedCount), 1));
        }
    }

    /** Clients in name order (u0, u1, ...); the semaphore hand-back made the array's writes visible. */
    private List<LoadClient> orderedClients() {
        return List.of(byIndex);
    }

    private ProcStats serverStats() {
        return serverPid > 0 ? ProcStats.of(serverPid) : new ProcStats(Double.NaN, -1);
    }

    /** The machine's 1-minute load average, as the kernel reports it (the run's conditions). */
    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static double ms(long nanos) {
        return round(nanos / 1e6, 3);
    }

    static double mib(long bytes) {
        return bytes < 0 ? -1 : round(bytes / 1048576.0, 1);
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
