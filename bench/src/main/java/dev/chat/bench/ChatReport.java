package dev.chat.bench;

import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static dev.chat.bench.Report.fmt;
import static dev.chat.bench.Report.median;
import static dev.chat.bench.Report.num;
import static dev.chat.bench.Report.ratio;
import static dev.chat.bench.Report.str;

/** The chat tables: files named {@code chat-SCENARIO-SERVER-rN.json}. */
final class ChatReport {
    private static final String OURS = "chatd";

    private ChatReport() {
    }

    static void append(StringBuilder md, Map<String, JsonObject> results) {
        Map<String, Map<String, Map<String, JsonObject>>> byScenario = new LinkedHashMap<>();
        for (var e : results.entrySet()) {
            String[] parts = e.getKey().split("-");
            if (parts.length != 3) {
                continue;
            }
            byScenario.computeIfAbsent(parts[0], k -> new LinkedHashMap<>())
                    .computeIfAbsent(parts[1], k -> new LinkedHashMap<>()).put(parts[2], e.getValue());
        }
        for (var scenario : byScenario.entrySet()) {
            var servers = scenario.getValue();
            JsonObject any = servers.values().iterator().next().values().iterator().next();
            if (str(any, "scenario").equals("idle")) {
                idle(md, scenario.getKey(), servers);
            } else {
                load(md, scenario.getKey(), servers);
            }
        }
    }

    private static void load(StringBuilder md, String scenario, Map<String, Map<String, JsonObject>> servers) {
        md.append("### ").append(scenario).append("\n\n");
        md.append("| server | run | load avg | clients | join s | join CPU s | sent/s | deliveries/s | p50 ms | p99 ms "
                + "| p99.9 ms | max ms | missing | errors | server CPU s | server µs/delivery | CPU s per 2M deliveries "
                + "| RSS joined MiB | server RSS MiB |\n");
        md.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (var server : servers.entrySet()) {
            for (var run : server.getValue().entrySet()) {
                JsonObject r = run.getValue();
                double deliveries = num(r, "deliveries");
                double cpu = num(r, "server_cpu_seconds");
                md.append("| ").append(server.getKey()).append(" | ").append(run.getKey()).append(" | ")
                        .append(str(r, "load_average_before")).append(" | ")
                        .append(fmt(num(r, "clients"))).append(" | ").append(fmt(num(r, "join_seconds"))).append(" | ")
                        .append(fmt(num(r, "join_server_cpu_seconds"))).append(" | ")
                        .append(fmt(num(r, "rate_per_second"))).append(" | ")
                        .append(fmt(num(r, "deliveries_per_second"))).append(" | ")
                        .append(fmt(num(r, "latency_ms.p50"))).append(" | ").append(fmt(num(r, "latency_ms.p99")))
                        .append(" | ").append(fmt(num(r, "latency_ms.p999"))).append(" | ")
                        .append(fmt(num(r, "latency_ms.max"))).append(" | ").append(fmt(num(r, "missing_deliveries")))
                        .append(" | ").append(fmt(num(r, "errors"))).append(" | ").append(fmt(cpu)).append(" | ")
                        .append(fmt(cpu * 1e6 / deliveries)).append(" | ").append(fmt(cpu * 2e6 / deliveries))
                        .append(" | ").append(fmt(num(r, "server_rss_joined_mib"))).append(" | ")
                        .append(fmt(num(r, "server_rss_mib"))).append(" |\n");
                appendErrors(md, r);
            }
        }
        md.append('\n');
        ratios(md, servers, new String[][] {
                {"p99 latency (ours / theirs, < 1 is better)", "latency_ms.p99"},
                {"p50 latency (ours / theirs)", "latency_ms.p50"},
                {"deliveries/s (ours / theirs, >= 1 is better)", "deliveries_per_second"},
                {"missing deliveries (ours / theirs)", "missing_deliveries"},
                {"server CPU s (ours / theirs)", "server_cpu_seconds"},
                {"join s (ours / theirs)", "join_seconds"},
                {"RSS after the join (ours / theirs)", "server_rss_joined_mib"}});
    }

    private static void idle(StringBuilder md, String scenario, Map<String, Map<String, JsonObject>> servers) {
        md.append("### ").append(scenario).append("\n\n");
        md.append("| server | run | load avg | clients | joined | join s | RSS before MiB | RSS end MiB | RSS peak MiB | RSS/client KiB "
                + "| Java heap after GC MiB | heap/client KiB | CPU s in hold | errors |\n");
        md.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (var server : servers.entrySet()) {
            for (var run : server.getValue().entrySet()) {
                JsonObject r = run.getValue();
                md.append("| ").append(server.getKey()).append(" | ").append(run.getKey()).append(" | ")
                        .append(str(r, "load_average_before")).append(" | ")
                        .append(fmt(num(r, "clients"))).append(" | ").append(fmt(num(r, "clients_joined"))).append(" | ")
                        .append(fmt(num(r, "join_seconds"))).append(" | ")
                        .append(fmt(num(r, "server_rss_before_mib"))).append(" | ")
                        .append(fmt(num(r, "server_rss_end_mib"))).append(" | ")
                        .append(fmt(num(r, "server_rss_peak_mib"))).append(" | ")
                        .append(fmt(num(r, "server_rss_per_client_kib"))).append(" | ")
                        .append(fmt(num(r, "server_heap_used_after_gc_mib"))).append(" | ")
                        .append(fmt(num(r, "server_heap_per_client_kib"))).append(" | ")
                        .append(fmt(num(r, "server_cpu_seconds_during_hold"))).append(" | ")
                        .append(fmt(num(r, "errors"))).append(" |\n");
                appendErrors(md, r);
            }
        }
        md.append('\n');
        ratios(md, servers, new String[][] {
                {"clients joined in the time allowed (ours / theirs)", "clients_joined"},
                {"join s (ours / theirs)", "join_seconds"},
                {"RSS at end (ours / theirs)", "server_rss_end_mib"},
                {"RSS per joined client (ours / theirs)", "server_rss_per_client_kib"}});
    }

    /** Ours over each reference, per repetition (same run), and the median of those ratios. */
    private static void ratios(StringBuilder md, Map<String, Map<String, JsonObject>> servers, String[][] metrics) {
        Map<String, JsonObject> ours = servers.get(OURS);
        if (ours == null) {
            return;
        }
        TreeSet<String> runs = new TreeSet<>(ours.keySet());
        for (var server : servers.entrySet()) {
            if (server.getKey().equals(OURS)) {
                continue;
            }
            md.append("Ratios chatd / ").append(server.getKey()).append(", per run (").append(String.join(", ", runs))
                    .append(") and median:\n\n| metric | per run | median |\n|---|---|--:|\n");
            for (String[] metric : metrics) {
                List<Double> values = new ArrayList<>();
                for (String run : runs) {
                    JsonObject theirs = server.getValue().get(run);
                    values.add(theirs == null ? Double.NaN : num(ours.get(run), metric[1]) / num(theirs, metric[1]));
                }
                md.append("| ").append(metric[0]).append(" | ")
                        .append(String.join(", ", values.stream().map(Report::ratio).toList())).append(" | ")
                        .append(ratio(median(values))).append(" |\n");
            }
            md.append('\n');
        }
    }

    private static void appendErrors(StringBuilder md, JsonObject r) {
        if (r.has("first_errors") && r.get("first_errors").isJsonArray() && !r.getAsJsonArray("first_errors").isEmpty()) {
            md.append("|  | first errors: ").append(str(r, "server")).append(": `")
                    .append(r.getAsJsonArray("first_errors").get(0).getAsString().replace("|", "/").replace("`", "'"))
                    .append("` |\n");
        }
    }
}
