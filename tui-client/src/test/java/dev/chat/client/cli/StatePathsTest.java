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
}
