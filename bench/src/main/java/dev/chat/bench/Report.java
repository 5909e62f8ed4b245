package dev.chat.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Turns a results folder of JSON files into {@code summary.md}: one row per server (or case) and
 * repetition, then the ratios of ours to the reference taken within each repetition (servers
 * measured side by side), and their median.
 */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Markdown summary of a results folder.")
final class Report implements Callable<Integer> {
    @Option(names = "--kind", required = true, description = "chat, transfer or codec.")
    String kind;
    @Parameters(index = "0", description = "Results folder.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append(machine());
        if (kind.equals("chat")) {
            ChatReport.append(md, load("chat-"));
        } else if (kind.equals("codec")) {
            CodecReport.append(md, dir);
        } else {
            TransferReport.append(md, load("transfer-"));
        }
        Files.writeString(dir.resolve("summary.md"), md);
        System.out.print(md);
        return 0;
    }

    private String machine() throws IOException {
        Path file = dir.resolve("machine.json");
        if (!Files.exists(file)) {
            return "";
        }
        JsonObject m = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        StringBuilder s = new StringBuilder();
        s.append("Machine: ").append(str(m, "cpu")).append(", ").append(str(m, "cores")).append(" cores, ")
                .append(str(m, "memory")).append(", Linux ").append(str(m, "kernel")).append(", ")
                .append(str(m, "java")).append(". Run ").append(str(m, "date")).append(".\n");
        Path settings = dir.resolve("settings.json");
        if (Files.exists(settings)) {
            s.append("Settings: `").append(Files.readString(settings).strip()).append("`\n");
        }
        return s.append('\n').toString();
    }

    /** File name (without prefix and .json) to its JSON, sorted by name. */
    private Map<String, JsonObject> load(String prefix) throws IOException {
        Map<String, JsonObject> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".json")).toList()) {
                String name = f.getFileName().toString();
                try {
                    out.put(name.substring(prefix.length(), name.length() - 5),
                            JsonParser.parseString(Files.readString(f)).getAsJsonObject());
                } catch (RuntimeException e) {
                    System.err.println("skipping unreadable " + f + ": " + e.getMessage());
                }
            }
        }
        return out;
    }

    static String str(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e == null || e.isJsonNull() ? "" : e.getAsString();
    }

    static double num(JsonObject o, String path) {
        JsonElement e = o;
        for (String part : path.split("\\.")) {
            if (e == null || !e.isJsonObject()) {
                return Double.NaN;
            }
            e = e.getAsJsonObject().get(part);
        }
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? Double.NaN : e.getAsDouble();
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "–" : String.format(Locale.ROOT, "%.2fx", v);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values.stream().filter(v -> !Double.isNaN(v) && !Double.isInfinite(v)).toList());
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
