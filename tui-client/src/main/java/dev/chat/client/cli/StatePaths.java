package dev.chat.client.cli;

import java.nio.file.Path;
import java.util.Map;

/** Where line mode keeps its history: {@code $XDG_STATE_HOME/chat/history}, by default under ~/.local/state. */
final class StatePaths {
    private StatePaths() {
    }

    static Path history(Map<String, String> env, String userHome) {
        String state = env.get("XDG_STATE_HOME");
        // The XDG spec says a relative value is invalid and must be ignored.
        Path base = state != null && !state.isBlank() && Path.of(state).isAbsolute()
                ? Path.of(state) : Path.of(userHome, ".local", "state");
        return base.resolve("chat").resolve("history");
    }
}
