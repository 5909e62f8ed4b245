package dev.chat.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.chat.bench.Report.fmt;
import static dev.chat.bench.Report.median;
import static dev.chat.bench.Report.num;
import static dev.chat.bench.Report.ratio;

/**
 * The transfer tables: files named {@code transfer-CASE-rN.json}, CASE being {@code loopback-tcp},
 * {@code loopback-udp1200}, {@code loopback-udpmax}, {@code loopback-nginx}, {@code lossN-tcp},
 * {@code lossN-udp}. Ratios: loopback cases over nginx+curl, UDP over TCP on the impaired link.
 */
final class TransferReport {
    /** The loss rates scripts/bench-transfer may run, in %. */
    private static final int[] LOSSES = {0, 1, 2, 5, 10, 15, 20, 25, 30};

    private TransferReport() {
    }

    static void append(StringBuilder md, Map<String, JsonObject> results) {
        Map<String, Map<String, JsonObject>> byCase = new TreeMap<>();
        for (var e : results.entrySet()) {
            int cut = e.getKey().lastIndexOf("-r");
            if (cut > 0) {
                byCase.computeIfAbsent(e.getKey().substring(0, cut), k -> new TreeMap<>()).put(e.getKey().substring(cut + 1), e.getValue());
            }
        }
        Map<String, Map<String, JsonObject>> loopback = new LinkedHashMap<>();
        Map<String, Map<String, JsonObject>> link = new LinkedHashMap<>();
        for (String c : List.of("loopback-nginx", "loopback-tcp", "loopback-udp1200", "loopback-udpmax")) {
            if (byCase.containsKey(c)) {
                loopback.put(c, byCase.get(c));
            }
        }
        for (int loss : LOSSES) {
            for (String p : List.of("tcp", "udp")) {
                String c = "loss" + loss + "-" + p;
                if (byCase.containsKey(c)) {
                    link.put(c, byCase.get(c));
                }
            }
        }
        if (!loopback.isEmpty()) {
            md.append("### Loopback\n\n");
            table(md, loopback);
            md.append("Ratios over nginx+curl, per repetition and median:\n\n| case | per repetition | median |\n|---|---|--:|\n");
            for (String c : List.of("loopback-tcp", "loopback-udp1200", "loopback-udpmax")) {
                ratioRow(md, c + " / nginx", loopback.get(c), loopback.get("loopback-nginx"));
            }
            md.append('\n');
        }
        if (!link.isEmpty()) {
            md.append("### 100 Mbit/s link (veth + tbf), random loss in both namespaces' prerouting hooks\n\n");
            table(md, link);
            md.append("Ratios UDP / TCP, per repetition and median:\n\n| loss | per repetition | median |\n|---|---|--:|\n");
            for (int loss : LOSSES) {
                ratioRow(md, loss + " %", link.get("loss" + loss + "-udp"), link.get("loss" + loss + "-tcp"));
            }
            md.append('\n');
        }
    }

    private static void table(StringBuilder md, Map<String, Map<String, JsonObject>> cases) {
        md.append("| case | rep | MB/s | Mbit/s | seconds | client CPU s | server CPU s | TCP retrans segs (server ns) "
                + "| UDP retransmissions (daemon) | UDP rcvbuf drops |\n|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (var c : cases.entrySet()) {
            for (var rep : c.getValue().entrySet()) {
                JsonObject r = rep.getValue();
                md.append("| ").append(c.getKey()).append(" | ").append(rep.getKey()).append(unfinished(r) ? " (unfinished)" : "")
                        .append(" | ")
                        .append(fmt(num(r, "mb_per_s_median"))).append(" | ").append(fmt(num(r, "mb_per_s_median") * 8))
                        .append(" | ").append(fmt(runMedian(r, "seconds"))).append(" | ")
                        .append(fmt(runMedian(r, "client_cpu_seconds"))).append(" | ")
                        .append(fmt(runMedian(r, "server_cpu_seconds"))).append(" | ")
                        .append(fmt(runMedian(r, "tcp_retrans_segs_server_ns"))).append(" | ")
                        .append(fmt(runMedian(r, "udp_retransmissions_by_sender"))).append(" | ")
                        .append(fmt(runMedian(r, "udp_rcvbuf_drops_client_ns"))).append(" |\n");
            }
        }
        md.append('\n');
    }

    private static void ratioRow(StringBuilder md, String label, Map<String, JsonObject> ours, Map<String, JsonObject> theirs) {
        if (ours == null || theirs == null) {
            return;
        }
        List<Double> values = new ArrayList<>();
        for (var rep : ours.entrySet()) {
            JsonObject t = theirs.get(rep.getKey());
            values.add(t == null ? Double.NaN : num(rep.getValue(), "mb_per_s_median") / num(t, "mb_per_s_median"));
        }
        md.append("| ").append(label).append(" | ").append(String.join(", ", values.stream().map(Report::ratio).toList()))
                .append(" | ").append(ratio(median(values))).append(" |\n");
    }

    /** True when a run ran out of time or failed: its rate is the bytes it got by then. */
    private static boolean unfinished(JsonObject r) {
        if (r.has("runs") && r.get("runs").isJsonArray()) {
            for (JsonElement run : r.getAsJsonArray("runs")) {
                JsonObject o = run.getAsJsonObject();
                if (o.has("completed") && !o.get("completed").getAsBoolean()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The median over the file's runs of one per-run field. */
    private static double runMedian(JsonObject r, String field) {
        List<Double> values = new ArrayList<>();
        if (r.has("runs") && r.get("runs").isJsonArray()) {
            for (JsonElement run : r.getAsJsonArray("runs")) {
                values.add(num(run.getAsJsonObject(), field));
            }
        }
        return median(values);
    }
}
