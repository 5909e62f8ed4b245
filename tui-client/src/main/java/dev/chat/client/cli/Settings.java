package dev.chat.client.cli;

import dev.chat.client.ServerAddress;
import dev.chat.wire.Names;
import dev.chat.wire.ProtocolException;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The settings file, {@code $XDG_CONFIG_HOME/chat/config}: one {@code key = value} a line, blank
 * lines and {@code #} comments ignored. Each key is the default of the flag of the same name, so a
 * flag on the command line always wins. A line that is not a known key with a valid value is an
 * error naming the file and the line, never silently ignored. Pure but for {@link #load}.
 */
final class Settings {
    /** Lines read at most: a settings file is a few lines; a huge one is a mistake, not settings. */
    static final int MAX_LINES = 1_000;

    /** The keys, each with the flag it gives a default to and how its value is checked. */
    enum Key {
        SERVER("server", "--server", Settings::server),
        NAME("name", "--name", Settings::name),
        DOWNLOAD_DIR("download-dir", "--download-dir", Settings::path),
        LOG_DIR("log-dir", "--log-dir", Settings::path),
        BELL("bell", "--bell", Settings::onOff),
        JOIN_FILTER("join-filter", "--join-filter", Settings::joinFilter),
        MOUSE("mouse", "--mouse", Settings::onOff),
        TLS("tls", "--tls", Settings::onOff);

        final String key;
        final String flag;
        /** The value as the flag takes it; throws IllegalArgumentException with the reason when invalid. */
        final UnaryOperator<String> check;

        Key(String key, String flag, UnaryOperator<String> check) {
            this.key = key;
            this.flag = flag;
            this.check = check;
        }

        static Key of(String key) {
            for (Key k : values()) {
                if (k.key.equals(key)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** A settings file that could not be used; the message names the file and the line. */
    static final class SettingsException extends Exception {
        SettingsException(String message) {
            super(message);
        }
    }

    static final Settings NONE = new Settings(Map.of());

    private final Map<Key, String> values;

    private Settings(Map<Key, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The settings in {@code file}; none when it does not exist. */
    static Settings load(Path file) throws SettingsException {
        List<String> lines;
        try {
            if (Files.size(file) > MAX_LINES * 512L) {
                throw new SettingsException(file + ": too big for a settings file (" + Files.size(file) + " bytes)");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return NONE;
        } catch (CharacterCodingException e) {
            throw new SettingsException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new SettingsException(file + ": cannot read it: " + e.getMessage());
        }
        return parse(lines, file.toString());
    }

    /** The settings in {@code lines}; {@code source} names them in errors. */
    static Settings parse(List<String> lines, String source) throws SettingsException {
        if (lines.size() > MAX_LINES) {
            throw new SettingsException(source + ": more than " + MAX_LINES + " lines");
        }
        Map<Key, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1) + ": ";
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw new SettingsException(where + "expected 'key = value', got '" + line + "'");
            }
            String name = line.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(equals + 1).strip();
            Key key = Key.of(name);
            if (key == null) {
                throw new SettingsException(where + "unknown key '" + name + "' (keys: " + keyList() + ")");
            }
            if (values.containsKey(key)) {
                throw new SettingsException(where + "'" + name + "' is set twice");
            }
            if (value.isEmpty()) {
                throw new SettingsException(where + "'" + name + "' has no value");
            }
            try {
                values.put(key, key.check.apply(value));
            } catch (IllegalArgumentException e) {
                throw new SettingsException(where + name + " = " + value + ": " + e.getMessage());
            }
        }
        return new Settings(values);
    }

    private static String keyList() {
        return Arrays.stream(Key.values()).map(k -> k.key).collect(Collectors.joining(", "));
    }

    String get(Key key) {
        return values.get(key);
    }

    /** The flags' defaults from these settings, for picocli: null (the flag's own default) when unset. */
    CommandLine.IDefaultValueProvider defaults() {
        return argument -> {
            if (!(argument instanceof CommandLine.Model.OptionSpec option)) {
                return null;
            }
            for (Key key : Key.values()) {
                if (Arrays.asList(option.names()).contains(key.flag) && values.containsKey(key)) {
                    return values.get(key);
                }
            }
            return null;
        };
    }

    private static String server(String value) {
        for (String one : value.split(",")) {
            ServerAddress.parse(one.strip()); // its IllegalArgumentException says what is wrong
        }
        return value;
    }

    private static String name(String value) {
        try {
            return Names.validate(value);
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A folder; {@code ~/} at the start is the home folder, as in a shell. */
    private static String path(String value) {
        String expanded = value.equals("~") || value.startsWith("~/")
                ? System.getProperty("user.home") + value.substring(1) : value;
        Path.of(expanded); // an InvalidPathException is an IllegalArgumentException
        return expanded;
    }

    private static String onOff(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes" -> "true";
            case "off", "false", "no" -> "false";
            default -> throw new IllegalArgumentException("expected on or off");
        };
    }

    private static String joinFilter(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "smart", "all" -> value.toLowerCase(Locale.ROOT);
            default -> throw new IllegalArgumentException("expected smart or all");
        };
    }
}
