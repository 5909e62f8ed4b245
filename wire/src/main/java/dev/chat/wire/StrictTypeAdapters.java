package dev.chat.wire;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.annotations.SerializedName;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Gson's own adapters coerce: a number is accepted for a string field and {@code "12"} for a
 * number. A frame with a wrongly typed field is a bad frame, so these adapters accept only the
 * JSON kind the field declares, and only integers for integral fields. Gson's enum adapter reads
 * an unknown constant as null, which a frame would then report as a missing field; here it is an
 * unknown value.
 */
final class StrictTypeAdapters {
    private StrictTypeAdapters() {
    }

    static GsonBuilder register(GsonBuilder builder) {
        TypeAdapter<String> string = new StrictAdapter<>(JsonToken.STRING, "a string") {
            @Override
            String readValue(JsonReader in) throws IOException {
                return in.nextString();
            }

            @Override
            public void write(JsonWriter out, String value) throws IOException {
                out.value(value);
            }
        };
        TypeAdapter<Long> longs = new StrictAdapter<>(JsonToken.NUMBER, "an integer") {
            @Override
            Long readValue(JsonReader in) throws IOException {
                return integral(in).longValueExact();
            }

            @Override
            public void write(JsonWriter out, Long value) throws IOException {
                out.value(value);
            }
        };
        TypeAdapter<Integer> ints = new StrictAdapter<>(JsonToken.NUMBER, "an integer") {
            @Override
            Integer readValue(JsonReader in) throws IOException {
                return integral(in).intValueExact();
            }

            @Override
            public void write(JsonWriter out, Integer value) throws IOException {
                out.value(value);
            }
        };
        TypeAdapter<Double> doubles = new StrictAdapter<>(JsonToken.NUMBER, "a number") {
            @Override
            Double readValue(JsonReader in) throws IOException {
                return in.nextDouble();
            }

            @Override
            public void write(JsonWriter out, Double value) throws IOException {
                out.value(value);
            }
        };
        TypeAdapter<Boolean> booleans = new StrictAdapter<>(JsonToken.BOOLEAN, "true or false") {
            @Override
            Boolean readValue(JsonReader in) throws IOException {
                return in.nextBoolean();
            }

            @Override
            public void write(JsonWriter out, Boolean value) throws IOException {
                out.value(value);
            }
        };
        return builder
                .registerTypeAdapterFactory(new EnumFactory())
                .registerTypeAdapter(String.class, string)
                .registerTypeAdapter(long.class, longs)
                .registerTypeAdapter(Long.class, longs)
                .registerTypeAdapter(int.class, ints)
                .registerTypeAdapter(Integer.class, ints)
                .registerTypeAdapter(double.class, doubles)
                .registerTypeAdapter(Double.class, doubles)
                .registerTypeAdapter(boolean.class, booleans)
                .registerTypeAdapter(Boolean.class, booleans);
    }

    private static BigDecimal integral(JsonReader in) throws IOException {
        String path = in.getPath();
        String text = in.nextString();
        try {
            BigDecimal value = new BigDecimal(text);
            if (value.stripTrailingZeros().scale() > 0) {
                throw new JsonSyntaxException("expected an integer at " + path + " but was " + ClientText.echo(text));
            }
            return value;
        } catch (NumberFormatException e) {
            throw new JsonSyntaxException("expected an integer at " + path + " but was " + ClientText.echo(text));
        }
    }

    /** Reads one JSON kind or null; anything else is a {@link JsonSyntaxException} naming the path. */
    private abstract static class StrictAdapter<T> extends TypeAdapter<T> {
        private final JsonToken expected;
        private final String description;

        StrictAdapter(JsonToken expected, String description) {
            this.expected = expected;
            this.description = description;
        }

        abstract T readValue(JsonReader in) throws IOException;

        @Override
        public final T read(JsonReader in) throws IOException {
            JsonToken token = in.peek();
            if (token == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            if (token != expected) {
                throw new JsonSyntaxException("expected " + description + " at " + in.getPath()
                        + " but was " + token.name().toLowerCase(Locale.ROOT));
            }
            String path = in.getPath();
            try {
                return readValue(in);
            } catch (ArithmeticException e) {
                throw new JsonSyntaxException("number out of range at " + path);
            }
        }
    }

    /** Enums by wire name ({@link SerializedName} or the constant's name); an unknown name is an error. */
    private static final class EnumFactory implements TypeAdapterFactory {
        @Override
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            Class<? super T> raw = type.getRawType();
            if (!raw.isEnum() || raw == Enum.class) {
                return null;
            }
            @SuppressWarnings("unchecked")
            TypeAdapter<T> adapter = (TypeAdapter<T>) new EnumAdapter<>(raw.asSubclass(Enum.class));
            return adapter;
        }
    }

    private static final class EnumAdapter<E extends Enum<E>> extends StrictAdapter<E> {
        private final Map<String, E> byWireName = new HashMap<>();
        private final Map<E, String> wireNames = new HashMap<>();

        EnumAdapter(Class<E> type) {
            super(JsonToken.STRING, "a string");
            for (E constant : type.getEnumConstants()) {
                String wire = constant.name();
                try {
                    SerializedName name = type.getField(constant.name()).getAnnotation(SerializedName.class);
                    wire = name == null ? wire : name.value();
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException(e);
                }
                byWireName.put(wire, constant);
                wireNames.put(constant, wire);
            }
        }

        @Override
        E readValue(JsonReader in) throws IOException {
            String path = in.getPath();
            String wire = in.nextString();
            E constant = byWireName.get(wire);
            if (constant == null) {
                throw new JsonSyntaxException("unknown value '" + ClientText.echo(wire) + "' at " + path);
            }
            return constant;
        }

        @Override
        public void write(JsonWriter out, E value) throws IOException {
            if (value == null) {
                out.nullValue();
            } else {
                out.value(wireNames.get(value));
            }
        }
    }
}
