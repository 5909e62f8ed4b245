package dev.chat.client.tui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One plain-text log file per conversation in the log folder ({@code --log-dir}, settings key
 * {@code log-dir}): {@code room.log} for the room, {@code private-NAME.log} per peer, each line
 * appended with its date and time as the chat pane shows it ({@code [2026-12-02 14:02:11] bob: hi}).
 * Text is logged as {@link Cells#clean} made it, so a log shown with {@code cat} obeys no escape a
 * peer sent. The GUI thread calls {@link #append}; one {@code chat-log} thread writes, so a slow
 * disk never stalls the screen. Failures are reported once, in the chat pane, by the caller.
 */
final class ChatLogs implements AutoCloseable {
    /** A name's characters kept in its file name; others become {@code _}. */
    private static final int MAX_NAME_CHARS = 64;

    private final Path dir;
    private final DateTimeFormatter time;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r ->
            Thread.ofPlatform().name("chat-log").daemon().unstarted(r));
    private volatile String failure;
    /** A write failed once: said once, not once per line. */
    private volatile boolean failed;

    ChatLogs(Path dir, ZoneId zone) {
        this.dir = dir;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
    }

    /** Appends {@code line} to the log of the room ({@code peer} null) or of the conversation with {@code peer}. */
    void append(String peer, ChatLine line) {
        String text = "[" + time.format(Instant.ofEpochMilli(line.ts())) + "] " + plain(line) + "\n";
        Path file = dir.resolve(fileName(peer));
        try {
            writer.execute(() -> write(file, text));
        } catch (RejectedExecutionException e) {
            // closed: the client is quitting, nothing more is logged
        }
    }

    /** The first write failure ("cannot write /x/room.log: ..."), once; null when none happened. */
    String takeFailure() {
        String f = failure;
        failure = null;
        return f;
    }

    private void write(Path file, String text) {
        try {
            Files.createDirectories(dir);
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            if (!failed) {
                failed = true;
                failure = "cannot write " + file + ": " + e.getMessage() + " (logging goes on trying, silently)";
            }
        }
    }

    /** The line as the chat pane says it, in logical order, without our bidi marks. */
    static String plain(ChatLine line) {
        String body = line.templated() ? Cells.cleanTemplate(line.body()) : Cells.clean(line.body());
        String text = Cells.clean(line.prefix()) + " " + body;
        return text.replace(String.valueOf(Cells.ISOLATE), "").replace(String.valueOf(Cells.END_ISOLATE), "");
    }

    /**
     * {@code room.log}, or {@code private-NAME.log} with NAME folded as the daemon compares names (so
     * {@code Bob} and {@code bob} share a file) and every character that is not a letter, a digit,
     * {@code -} or {@code _} replaced by {@code _}: no path separator, no {@code ..}, no control
     * character, never a hidden file, at most {@value #MAX_NAME_CHARS} characters.
     */
    static String fileName(String peer) {
        if (peer == null) {
            return "room.log";
        }
        String folded = dev.chat.wire.Names.sortKey(peer).toLowerCase(Locale.ROOT);
        StringBuilder safe = new StringBuilder();
        folded.codePoints().limit(MAX_NAME_CHARS).forEach(cp -> {
            boolean keep = Character.isLetterOrDigit(cp) && !Character.isISOControl(cp) || cp == '-' || cp == '_';
            if (keep) {
                safe.appendCodePoint(cp);
            } else {
                safe.append('_');
            }
        });
        return "private-" + safe + ".log";
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(2, TimeUnit.SECONDS); // what was said before quitting is on disk
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
