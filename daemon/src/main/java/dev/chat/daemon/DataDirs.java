package dev.chat.daemon;

import java.nio.file.Path;
import java.util.Map;

/** The daemon's default data directory: {@code $XDG_DATA_HOME/chatd}, else {@code ~/.local/share/chatd}. */
final class DataDirs {
    private DataDirs() {
    }

    static Path chatd(Map<String, String> env, String userHome) {
        String data = env.get("XDG_DATA_HOME");
        // The XDG spec says a relative value is invalid and must be ignored.
        Path base = data != null && !data.isBlank() && Path.of(data).isAbsolute()
                ? Path.of(data) : Path.of(userHome, ".local", "share");
        return base.resolve("chatd");
    }
}
