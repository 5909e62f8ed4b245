package dev.chat.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.chat.bench.Report.fmt;

/** The codec table from JMH's JSON result ({@code codec.json}). */
final class CodecReport {
    private CodecReport() {
    }

    static void append(StringBuilder md, Path dir) throws IOException {
        Path file = dir.resolve("codec.json");
        if (!Files.exists(file)) {
            return;
        }
        md.append("### Codec (JMH, single thread)\n\n| benchmark | frame | ops/s | ± (99.9 %) | µs/op |\n|---|---|--:|--:|--:|\n");
        for (JsonElement e : JsonParser.parseString(Files.readString(file)).getAsJsonArray()) {
            JsonObject b = e.getAsJsonObject();
            String name = b.get("benchmark").getAsString();
            JsonObject metric = b.getAsJsonObject("primaryMetric");
            double score = metric.get("score").getAsDouble();
            JsonElement error = metric.get("scoreError");
            double err = error == null || !error.isJsonPrimitive() || !error.getAsJsonPrimitive().isNumber()
                    ? Double.NaN : error.getAsDouble();
            md.append("| ").append(name.substring(name.lastIndexOf('.') + 1)).append(" | ")
                    .append(b.getAsJsonObject("params").get("size").getAsString()).append(" | ").append(fmt(Math.round(score)))
                    .append(" | ").append(fmt(Math.round(err))).append(" | ").append(fmt(1e6 / score)).append(" |\n");
        }
        md.append('\n');
    }
}
