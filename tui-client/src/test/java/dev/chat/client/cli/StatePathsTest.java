package dev.chat.client.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatePathsTest {
    @Test
    void historyLivesUnderXdgStateHome() {
        assertEquals(Path.of("/var/state/chat/history"), StatePaths.history(Map.of("XDG_STATE_HOME", "/var/state"), "/home/a"));
    }

    @Test
    void withoutXdgStateHomeItIsUnderDotLocalState() {
        assertEquals(Path.of("/home/a/.local/state/chat/history"), StatePaths.history(Map.of(), "/home/a"));
    }

    @Test
    void aRelativeXdgStateHomeIsIgnoredAsTheSpecSays() {
        assertEquals(Path.of("/home/a/.local/state/chat/history"),
                StatePaths.history(Map.of("XDG_STATE_HOME", "state"), "/home/a"));
    }

    @Test
    void downloadsGoUnderTheXdgDownloadFolderNeverARelativePath(@org.junit.jupiter.api.io.TempDir Path config) throws Exception {
        assertEquals(Path.of("/home/a/Downloads/chat"), StatePaths.downloads(Map.of(), "/home/a"));
        assertEquals(Path.of("/data/dl/chat"), StatePaths.downloads(Map.of("XDG_DOWNLOAD_DIR", "/data/dl"), "/home/a"));
        java.nio.file.Files.writeString(config.resolve("user-dirs.dirs"), "# xdg\nXDG_DOWNLOAD_DIR=\"$HOME/Telechargements\"\n");
        assertEquals(Path.of("/home/a/Telechargements/chat"),
                StatePaths.downloads(Map.of("XDG_CONFIG_HOME", config.toString()), "/home/a"));
    }
}
