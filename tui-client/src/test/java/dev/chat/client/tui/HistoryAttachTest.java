package dev.chat.client.tui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The history file is read while the first screen is up: what was entered before it arrived is kept. */
class HistoryAttachTest {
    @TempDir
    Path dir;

    @Test
    void linesEnteredBeforeTheFileArrivesComeAfterItsLinesAndAreWrittenToIt() {
        Path file = dir.resolve("state/chat/history");
        HistoryFile.open(file).add("typed in line mode");
        History history = new History();
        history.add("typed while the file loaded");

        history.attach(HistoryFile.open(file));

        assertEquals("typed while the file loaded", history.up(""));
        assertEquals("typed in line mode", history.up("typed while the file loaded"));
        assertEquals(List.of("typed in line mode", "typed while the file loaded"), HistoryFile.open(file).lines());
    }
}
