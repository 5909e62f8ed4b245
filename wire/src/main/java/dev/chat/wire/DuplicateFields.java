package dev.chat.wire;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Refuses JSON objects that name a field twice. Gson's tree keeps the last value silently, so
 * {@code {"type":"ping","type":"quit"}} would mean whatever the parser at hand picks; a frame
 * must mean one thing to every reader. Iterative, so depth costs no stack.
 */
final class DuplicateFields {
    private DuplicateFields() {
    }

    /** Scans {@code json}, already known to be one well-formed value, for a repeated field name. */
    static void check(String json, int nestingLimit) throws IOException {
        JsonReader in = new JsonReader(new StringReader(json));
        in.setStrictness(Strictness.STRICT);
        in.setNestingLimit(nestingLimit);
        Deque<Set<String>> objects = new ArrayDeque<>();
        int depth = 0;
        do {
            switch (in.peek()) {
                case BEGIN_OBJECT -> {
                    in.beginObject();
                    objects.push(new HashSet<>());
                    depth++;
                }
                case END_OBJECT -> {
                    in.endObject();
                    objects.pop();
                    depth--;
                }
                case BEGIN_ARRAY -> {
                    in.beginArray();
                    depth++;
                }
                case END_ARRAY -> {
                    in.endArray();
                    depth--;
                }
                case NAME -> {
                    String name = in.nextName();
                    if (!objects.getFirst().add(name)) {
                        throw new ProtocolException(ErrorCode.BAD_FRAME, "duplicate field '" + ClientText.echo(name) + "'");
                    }
                }
                default -> in.skipValue();
            }
        } while (depth > 0);
    }
}
