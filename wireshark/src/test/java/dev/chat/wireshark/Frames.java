package dev.chat.wireshark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * tshark -T fields output as one map per packet (field name to its values, in order), so a test can
 * ask "the frame whose chatd.type holds hello" whatever else shares the frame.
 */
final class Frames {
    final List<Map<String, List<String>>> rows;

    private Frames(List<Map<String, List<String>>> rows) {
        this.rows = rows;
    }

    static Frames of(java.nio.file.Path capture, List<String> env, String filter, String... fields)
            throws IOException, InterruptedException {
        return of(capture, env, List.of(), filter, fields);
    }

    /** With more tshark options (-o pref:value, --disable-heuristic name) before the others. */
    static Frames of(java.nio.file.Path capture, List<String> env, List<String> options, String filter, String... fields)
            throws IOException, InterruptedException {
        String[] all = new String[fields.length + 1];
        all[0] = "frame.number";
        System.arraycopy(fields, 0, all, 1, fields.length);
        List<Map<String, List<String>>> rows = new ArrayList<>();
        for (String[] row : Tools.fields(capture, env, options, filter, all)) {
            Map<String, List<String>> m = new LinkedHashMap<>();
            for (int i = 0; i < all.length; i++) {
                String v = i < row.length ? row[i] : "";
                m.put(all[i], v.isEmpty() ? List.of() : Arrays.asList(v.split(",")));
            }
            rows.add(m);
        }
        return new Frames(rows);
    }

    /**
     * The rows with a value in some field of this protocol (chatdata.*): one Lua dissector shows both
     * chatd and chatdata items, so frame.protocols cannot tell them apart.
     */
    Frames withProtocol(String protocol) {
        String prefix = protocol + ".";
        return new Frames(rows.stream()
                .filter(r -> r.entrySet().stream().anyMatch(e -> e.getKey().startsWith(prefix) && !e.getValue().isEmpty()))
                .toList());
    }

    /** Rows where field holds value. */
    List<Map<String, List<String>>> where(String field, String value) {
        return rows.stream().filter(r -> r.getOrDefault(field, List.of()).contains(value)).toList();
    }

    /** The one row where both fields hold their values; fails when there is not exactly one. */
    Map<String, List<String>> only(String field, String value, String field2, String value2) {
        List<Map<String, List<String>>> hits = where(field, value).stream()
                .filter(r -> r.getOrDefault(field2, List.of()).contains(value2)).toList();
        if (hits.size() != 1) {
            throw new AssertionError(hits.size() + " frames with " + field + "=" + value + " and " + field2 + "="
                    + value2 + " in " + brief());
        }
        return hits.get(0);
    }

    /** The rows for a failure message: long values cut to 40 characters, at most 60 rows. */
    String brief() {
        StringBuilder b = new StringBuilder();
        rows.stream().limit(60).forEach(r -> {
            b.append('\n');
            r.forEach((k, v) -> {
                String text = String.join(",", v);
                if (!text.isEmpty()) {
                    b.append(k).append('=').append(text.length() > 40 ? text.substring(0, 40) + "..." : text).append(' ');
                }
            });
        });
        return b.toString();
    }

    static String first(Map<String, List<String>> row, String field) {
        List<String> v = row.get(field);
        if (v == null || v.isEmpty()) {
            throw new AssertionError("no " + field + " in " + row);
        }
        return v.get(0);
    }

    static int number(Map<String, List<String>> row) {
        return Integer.parseInt(first(row, "frame.number"));
    }
}
