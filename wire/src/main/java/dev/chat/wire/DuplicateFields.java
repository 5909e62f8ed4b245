package dev.chat.wire;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Refuses JSON objects that name a field twice. Gson's tree keeps the last value silently, so
 * {@code {"type":"ping","type":"quit"}} would mean whatever the parser at hand picks; a frame
 * must mean one thing to every reader. Iterative, so depth costs no stack.
 *
 * <p>The same walk finds the request id of a line that fails: the id counts as readable when the
 * walk, which stops at the first syntax error or duplicate, has read a top-level id member whole.
 */
final class DuplicateFields {
    private DuplicateFields() {
    }

    /** Scans {@code json}, already known to be one well-formed value, for a repeated field name. */
    static void check(String json, int nestingLimit) throws IOException {
        walk(json, nestingLimit, null, null);
    }

    /**
     * The integer value of {@code idField} in the top-level object of {@code json}, if the walk
     * reads it whole before {@code json} breaks (a syntax error, a duplicate field, too deep a
     * nesting, or its end); null otherwise. Only the first top-level {@code idField} counts: a
     * second one is itself a duplicate.
     */
    static Long readableId(String json, String idField, int nestingLimit) {
        long[] found = {-1};
        try {
            walk(json, nestingLimit, idField, id -> found[0] = id);
        } catch (IOException | RuntimeException e) {
            // the line broke here; an id read before this point still counts
        }
        return found[0] < 0 ? null : found[0];
    }

    /** @param onId called with the first top-level {@code idField} when it holds an id in range */
    private static void walk(String json, int nestingLimit, String idField, LongConsumer onId) throws IOException {
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
                    if (onId != null && depth == 1 && name.equals(idField) && in.peek() == JsonToken.NUMBER) {
                        Long id = JsonCodec.idValue(in.nextString());
                        if (id != null) {
                            onId.accept(id);
                        }
                    }
                }
                default -> in.skipValue();
            }
        } while (depth > 0);
    }
}
