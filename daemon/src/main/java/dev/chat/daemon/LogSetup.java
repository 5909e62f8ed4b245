package dev.chat.daemon;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Configures System.Logger's default backend (java.util.logging): one line per record, to stderr. */
final class LogSetup {
    private static final Map<String, Level> LEVELS = Map.of(
            "off", Level.OFF, "error", Level.SEVERE, "warn", Level.WARNING, "warning", Level.WARNING,
            "info", Level.INFO, "debug", Level.FINE, "trace", Level.FINER, "all", Level.ALL);

    private LogSetup() {
    }

    /** error, warn, info, debug, trace (or a java.util.logging level name such as FINE). */
    static Level parseLevel(String name) {
        Level level = LEVELS.get(name.toLowerCase(Locale.ROOT));
        if (level != null) {
            return level;
        }
        try {
            return Level.parse(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown log level '" + name + "' (use error, warn, info, debug or trace)");
        }
    }

    /**
     * Replaces the root handlers with one that writes a line per record to standard error and is
     * flushed after every record, so journald sees each event at once.
     */
    static void configure(Level level) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler console = new ConsoleHandler(); // System.err; close() flushes, never closes stderr
        console.setLevel(level);
        console.setFormatter(new OneLine());
        root.addHandler(console);
        root.setLevel(level);
    }

    /** The name {@code --log-level} uses for a java.util.logging level. */
    static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (value >= Level.INFO.intValue()) {
            return "INFO";
        }
        return value >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }

    /**
     * {@code 2024-06-01T12:00:01.234+02:00 INFO message}: ISO-8601 time with offset, level, message
     * on one line (line breaks in a message are escaped), plus the stack trace of a thrown exception.
     */
    static final class OneLine extends Formatter {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder(128)
                    .append(TIME.format(record.getInstant().atZone(ZoneId.systemDefault())))
                    .append(' ').append(levelName(record.getLevel()))
                    .append(' ').append(formatMessage(record).replace("\r", "\\r").replace("\n", "\\n"))
                    .append(System.lineSeparator());
            if (record.getThrown() != null) {
                java.io.StringWriter trace = new java.io.StringWriter();
                record.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }
    }
}
