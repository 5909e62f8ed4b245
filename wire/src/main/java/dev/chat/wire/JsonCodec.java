package dev.chat.wire;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.Frame;
import dev.chat.wire.frame.FrameType;
import dev.chat.wire.frame.OptionalField;
import dev.chat.wire.frame.ServerFrame;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON frames, one object per line. Decoding goes bytes, strict UTF-8, strict JSON, {@code type}
 * lookup, required-field check, strictly typed binding, and finally the record's own validation;
 * each step fails with a {@link ProtocolException} that names the problem and, once the line's
 * {@code id} could be read, the request it answers. Thread-safe and stateless.
 */
public final class JsonCodec implements SessionCodec {
    /** Deeper JSON than any frame needs is refused before Gson recurses into it. */
    private static final int NESTING_LIMIT = 16;

    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private static final Pattern POSITION = Pattern.compile("line \\d+ column (\\d+)");

    private static final JsonCodec INSTANCE = new JsonCodec();

    private final Gson gson;
    private final TypeAdapter<JsonElement> treeAdapter;
    private final Map<String, FrameBinding> clientTypes;
    private final Map<String, FrameBinding> serverTypes;
    private final Map<Class<?>, String> typeNames = new HashMap<>();

    private JsonCodec() {
        gson = StrictTypeAdapters.register(new GsonBuilder())
                .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
                .disableHtmlEscaping()
                .create();
        treeAdapter = gson.getAdapter(JsonElement.class);
        clientTypes = bindings(ClientFrame.class);
        serverTypes = bindings(ServerFrame.class);
    }

    public static JsonCodec instance() {
        return INSTANCE;
    }

    @Override
    public ClientFrame decode(ByteBuffer line, boolean joined) {
        return decodeClient(line);
    }

    @Override
    public byte[] encode(ServerFrame frame) {
        return encodeFrame(frame);
    }

    /** Decodes a line a client sent. */
    public ClientFrame decodeClient(ByteBuffer line) {
        return (ClientFrame) decode(line, clientTypes, "id");
    }

    /** Decodes a line the daemon sent. */
    public ServerFrame decodeServer(ByteBuffer line) {
        return (ServerFrame) decode(line, serverTypes, "re");
    }

    /** Encodes any frame as one UTF-8 line ending in {@code \n}, {@code type} first. */
    public byte[] encodeFrame(Frame frame) {
        String type = typeNames.get(frame.getClass());
        JsonObject fields = gson.toJsonTree(frame).getAsJsonObject();
        JsonObject out = new JsonObject();
        out.addProperty("type", type);
        for (Map.Entry<String, JsonElement> field : fields.entrySet()) {
            out.add(field.getKey(), field.getValue());
        }
        byte[] json = gson.toJson(out).getBytes(StandardCharsets.UTF_8);
        if (json.length > Limits.MAX_LINE_BYTES) {
            throw new IllegalArgumentException(type + " frame of " + json.length + " bytes exceeds a line");
        }
        byte[] lineBytes = new byte[json.length + 1];
        System.arraycopy(json, 0, lineBytes, 0, json.length);
        lineBytes[json.length] = '\n';
        return lineBytes;
    }

    /**
     * @param requestField where the line names its request: {@code id} in a client's request,
     *                     {@code re} in a daemon's reply, so a client can fail the right request
     */
    private Frame decode(ByteBuffer line, Map<String, FrameBinding> types, String requestField) {
        String text = utf8(line, requestField);
        JsonObject object;
        try {
            object = parseObject(text);
        } catch (ProtocolException e) {
            Long readable = readableId(text, requestField);
            throw readable == null ? e : e.withRe(readable);
        }
        Long re = readId(object, requestField);
        JsonElement typeElement = object.get("type");
        if (typeElement == null || typeElement.isJsonNull()) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "missing field 'type'", re);
        }
        if (!isString(typeElement)) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "field 'type' must be a string", re);
        }
        String type = typeElement.getAsString();
        FrameBinding binding = types.get(type);
        if (binding == null) {
            throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown frame type '" + ClientText.echo(type) + "'", re);
        }
        for (String field : binding.requiredFields()) {
            JsonElement value = object.get(field);
            if (value == null || value.isJsonNull()) {
                throw new ProtocolException(ErrorCode.BAD_FRAME, "missing field '" + field + "'", re);
            }
        }
        try {
            Object frame = gson.fromJson(object, binding.type());
            return (Frame) frame;
        } catch (JsonParseException e) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, fieldMessage(e), re);
        } catch (RuntimeException e) {
            // Gson wraps what a record's compact constructor throws.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ProtocolException pe) {
                    return rethrow(pe, re);
                }
            }
            throw new ProtocolException(ErrorCode.BAD_FRAME, "invalid " + type + " frame", re);
        }
    }

    /**
     * The peer's own text, cut short for an error message: echoed whole, a 64 KiB type would come
     * back as a 64 KiB reply, and one of U+2028 characters (escaped to six bytes each) as a reply
     * too long to encode, which the daemon then drops instead of answering.
     */
    private static Frame rethrow(ProtocolException e, Long re) {
        throw e.re().isEmpty() && re != null ? e.withRe(re) : e;
    }

    /** Strict UTF-8; when it fails, the text decoded so far may still hold a readable id. */
    private static String utf8(ByteBuffer line, String requestField) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = line.duplicate();
        CharBuffer out = CharBuffer.allocate(in.remaining()); // UTF-8 never yields more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        String text = out.flip().toString();
        if (result.isError()) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "the line is not valid UTF-8",
                    readableId(text, requestField));
        }
        return text;
    }

    /**
     * The id of a line that failed, read from the part before the first thing that broke it. A
     * byte-order mark or a carriage return breaks a line here although Gson would skip either as
     * whitespace, so the scan sees only the text before them.
     */
    private static Long readableId(String text, String requestField) {
        int broken = text.startsWith(BYTE_ORDER_MARK) ? 0 : text.indexOf('\r');
        String intact = broken < 0 ? text : text.substring(0, broken);
        return DuplicateFields.readableId(intact, requestField, NESTING_LIMIT);
    }

    private JsonObject parseObject(String text) {
        if (text.isBlank()) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "empty line");
        }
        // Gson skips both as whitespace; the spec allows only space and tab around the object.
        if (text.startsWith(BYTE_ORDER_MARK)) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "a byte-order mark may not start a JSON line");
        }
        int carriageReturn = text.indexOf('\r');
        if (carriageReturn >= 0) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "a carriage return may only end a line, not stand at column "
                    + (carriageReturn + 1));
        }
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        reader.setNestingLimit(NESTING_LIMIT);
        JsonElement element;
        try {
            element = treeAdapter.read(reader);
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "malformed JSON" + position(e.getMessage()));
        }
        try {
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new ProtocolException(ErrorCode.BAD_FRAME, "trailing data after the JSON value");
            }
        } catch (IOException | JsonParseException e) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "trailing data after the JSON value");
        }
        try {
            DuplicateFields.check(text, NESTING_LIMIT);
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "malformed JSON" + position(e.getMessage()));
        }
        if (!element.isJsonObject()) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "a frame is a JSON object, not " + kind(element));
        }
        return element.getAsJsonObject();
    }

    /** The request id, if the line has a usable one; errors then carry it as {@code re}. */
    private static Long readId(JsonObject object, String field) {
        JsonElement id = object.get(field);
        return id instanceof JsonPrimitive primitive && primitive.isNumber() ? idValue(primitive.getAsString()) : null;
    }

    /** A JSON number literal as a request id: integral and within 0..2^53-1, else null. */
    static Long idValue(String number) {
        try {
            long value = new BigDecimal(number).longValueExact();
            return value >= 0 && value <= Limits.MAX_ID ? value : null;
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private static boolean isString(JsonElement element) {
        return element instanceof JsonPrimitive primitive && primitive.isString();
    }

    private static String kind(JsonElement element) {
        if (element.isJsonArray()) {
            return "an array";
        }
        if (element.isJsonNull()) {
            return "null";
        }
        JsonPrimitive primitive = element.getAsJsonPrimitive();
        return primitive.isNumber() ? "a number" : primitive.isBoolean() ? "a boolean" : "a string";
    }

    /** Gson's messages advise leniency; keep only where the JSON broke. */
    private static String position(String message) {
        if (message == null) {
            return "";
        }
        if (message.toLowerCase(Locale.ROOT).contains("nesting limit")) {
            return ": nested deeper than " + NESTING_LIMIT + " levels";
        }
        Matcher matcher = POSITION.matcher(message);
        return matcher.find() ? " at column " + matcher.group(1) : "";
    }

    private static String fieldMessage(JsonParseException e) {
        String message = firstLine(e.getMessage()).replace("$.", "");
        return message.startsWith("expected") || message.startsWith("number")
                ? "wrong field type: " + message
                : "invalid field: " + message;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        // Client text inside was echoed already (ClientText); this bounds the rest and keeps it one line.
        return ClientText.escape(first.length() > 200 ? first.substring(0, 200) + "..." : first);
    }

    private Map<String, FrameBinding> bindings(Class<?> sealedType) {
        Map<String, FrameBinding> map = new HashMap<>();
        for (Class<?> type : sealedType.getPermittedSubclasses()) {
            FrameType frameType = type.getAnnotation(FrameType.class);
            if (frameType == null) {
                throw new IllegalStateException(type + " lacks @FrameType");
            }
            typeNames.put(type, frameType.value());
            map.put(frameType.value(), new FrameBinding(type, requiredFields(type)));
        }
        return Map.copyOf(map);
    }

    private static List<String> requiredFields(Class<?> recordType) {
        List<String> required = new ArrayList<>();
        for (var component : recordType.getRecordComponents()) {
            if (!component.isAnnotationPresent(OptionalField.class)) {
                required.add(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES.translateName(field(recordType, component.getName())));
            }
        }
        return List.copyOf(required);
    }

    private static java.lang.reflect.Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private record FrameBinding(Class<?> type, List<String> requiredFields) {
    }
}
