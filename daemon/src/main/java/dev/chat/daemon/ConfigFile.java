package dev.chat.daemon;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@code chatd --config FILE}: Java properties whose keys are the long option names without the
 * dashes ({@code port=13337}, {@code idle-timeout=60}). {@link #applyTo} gives the precedence
 * "flags over the file over the defaults": a key is written into its option only when the command
 * line did not name that option. Every key must be an option and every value must convert, or
 * start-up stops with a {@link ConfigException} naming the key and the file.
 */
final class ConfigFile {
    /** Options that make no sense in a file: they say how to read or print the configuration itself. */
    static final Set<String> NOT_IN_FILE = Set.of("config", "print-config", "fingerprint", "help", "version");

    private final Path path;
    private final Map<String, String> values;

    private ConfigFile(Path path, Map<String, String> values) {
        this.path = path;
        this.values = values;
    }

    /** Reads {@code path} (UTF-8 properties); a missing or unreadable file is a {@link ConfigException}. */
    static ConfigFile load(Path path) throws ConfigException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(path)) {
            properties.load(in);
        } catch (CharacterCodingException e) {
            throw new ConfigException("cannot read the config file " + path + ": it is not UTF-8 text");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read the config file " + path + ": " + describe(e));
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key.strip(), properties.getProperty(key).strip()));
        return new ConfigFile(path, Collections.unmodifiableMap(values));
    }

    Path path() {
        return path;
    }

    /** The raw value of {@code key}, or null when the file does not set it. */
    String raw(String key) {
        return values.get(key);
    }

    /** The option names a file may set, in the order the command declares them. */
    static Map<String, OptionSpec> keys(CommandSpec spec) {
        Map<String, OptionSpec> keys = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            String key = key(option);
            if (!NOT_IN_FILE.contains(key)) {
                keys.put(key, option);
            }
        }
        return keys;
    }

    static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    /**
     * Checks every key, then sets each option the command line left alone to the file's value.
     * Nothing is set unless the whole file is valid.
     */
    void applyTo(CommandSpec spec, ParseResult parsed) throws ConfigException {
        Map<String, OptionSpec> known = keys(spec);
        List<String> unknown = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!known.containsKey(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException((unknown.size() == 1 ? "unknown key '" + unknown.getFirst() + "'"
                    : "unknown keys " + String.join(", ", unknown.stream().map(k -> "'" + k + "'").toList()))
                    + " in " + path + " (known keys: " + String.join(", ", known.keySet()) + ")");
        }
        Map<OptionSpec, Object> converted = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            OptionSpec option = known.get(entry.getKey());
            converted.put(option, convert(entry.getKey(), entry.getValue(), option.type()));
        }
        converted.forEach((option, value) -> {
            if (!parsed.hasMatchedOption(option)) {
                option.setValue(value);
            }
        });
    }

    private Object convert(String key, String value, Class<?> type) throws ConfigException {
        try {
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(value);
            }
            if (type == long.class || type == Long.class) {
                return Long.parseLong(value);
            }
            if (type == double.class || type == Double.class) {
                double d = Double.parseDouble(value);
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            }
            if (type == boolean.class || type == Boolean.class) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw invalid(key, value, "true or false");
                }
                return Boolean.parseBoolean(value);
            }
            if (value.isEmpty()) {
                throw invalid(key, value, "must not be empty");
            }
            if (type == Path.class) {
                return Path.of(value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(key, value, type == double.class || type == Double.class ? "a number" : "a whole number");
        } catch (InvalidPathException e) {
            throw invalid(key, value, "a path: " + e.getReason());
        }
    }

    private ConfigException invalid(String key, String value, String expected) {
        return new ConfigException("invalid value '" + value + "' for key '" + key + "' in " + path
                + " (expected " + expected + ")");
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** A configuration that must not start the daemon; the message names the key and the file. */
    static final class ConfigException extends Exception {
        ConfigException(String message) {
            super(message);
        }
    }
}
