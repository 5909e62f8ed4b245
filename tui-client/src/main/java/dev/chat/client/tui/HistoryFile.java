package dev.chat.client.tui;

import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The input history on disk, shared with line mode: the same file ({@code $XDG_STATE_HOME/chat/history})
 * in JLine's own format, read and written by JLine's {@link History} on a reader with no terminal
 * behind it, so the format has one owner. JLine appends each line as it is added, so a full-screen
 * client and a line mode running at the same time both keep what was typed in either. A file that
 * cannot be read or written costs the history, never the chat.
 */
final class HistoryFile {
    private final History history;

    private HistoryFile(History history) {
        this.history = history;
    }

    /** The history in {@code file}, created with its folder when missing; null when that is not possible. */
    static HistoryFile open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Terminal none = new DumbTerminal("chat-history", "dumb", InputStream.nullInputStream(),
                    OutputStream.nullOutputStream(), StandardCharsets.UTF_8);
            LineReader reader = LineReaderBuilder.builder().terminal(none).variable(LineReader.HISTORY_FILE, file).build();
            History history = reader.getHistory();
            history.attach(reader); // a reader attaches on its first readLine, which this one never has: loads the file
            return new HistoryFile(history);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return null;
        }
    }

    /** Every line in the file, oldest first. */
    List<String> lines() {
        List<String> lines = new ArrayList<>(history.size());
        history.forEach(entry -> lines.add(entry.line()));
        return lines;
    }

    /** Adds {@code line} (JLine appends it to the file at once). */
    void add(String line) {
        try {
            history.add(line);
        } catch (UncheckedIOException | IllegalStateException e) {
            // the disk is full or gone: the history in memory still works
        }
    }
}
