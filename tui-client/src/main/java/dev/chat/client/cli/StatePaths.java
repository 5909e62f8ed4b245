package dev.chat.client.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the client keeps things: the settings file ({@code $XDG_CONFIG_HOME/chat/config}), line mode's history ({@code $XDG_STATE_HOME/chat/history}, by
 * default under ~/.local/state) and downloads (the user's XDG download folder, then {@code chat/}).
 */
final class StatePaths {
    private StatePaths() {
    }

    /** The settings file: {@code $XDG_CONFIG_HOME/chat/config}, by default {@code ~/.config/chat/config}. */
    static Path config(Map<String, String> env, String userHome) {
        return configHome(env, userHome).resolve("chat").resolve("config");
    }

    private static Path configHome(Map<String, String> env, String userHome) {
        String config = env.get("XDG_CONFIG_HOME");
        return config != null && !config.isBlank() && Path.of(config).isAbsolute()
                ? Path.of(config) : Path.of(userHome, ".config");
    }

    static Path history(Map<String, String> env, String userHome) {
        String state = env.get("XDG_STATE_HOME");
        // The XDG spec says a relative value is invalid and must be ignored.
        Path base = state != null && !state.isBlank() && Path.of(state).isAbsolute()
                ? Path.of(state) : Path.of(userHome, ".local", "state");
        return base.resolve("chat").resolve("history");
    }

    /**
     * The default download folder: {@code chat/} under {@code $XDG_DOWNLOAD_DIR} when set, else under
     * the {@code XDG_DOWNLOAD_DIR} of {@code $XDG_CONFIG_HOME/user-dirs.dirs} (xdg-user-dirs), else
     * under {@code ~/Downloads}; never a folder relative to wherever chat was started.
     */
    static Path downloads(Map<String, String> env, String userHome) {
        String direct = env.get("XDG_DOWNLOAD_DIR");
        if (direct != null && !direct.isBlank() && Path.of(direct).isAbsolute()) {
            return Path.of(direct).resolve("chat");
        }
        Path fromUserDirs = userDirsDownload(configHome(env, userHome).resolve("user-dirs.dirs"), userHome);
        return (fromUserDirs != null ? fromUserDirs : Path.of(userHome, "Downloads")).resolve("chat");
    }

    /** {@code XDG_DOWNLOAD_DIR="$HOME/Downloads"} from user-dirs.dirs, or null. */
    private static Path userDirsDownload(Path file, String userHome) {
        try {
            for (String line : java.nio.file.Files.readAllLines(file)) {
                String l = line.strip();
                if (l.startsWith("XDG_DOWNLOAD_DIR=")) {
                    String value = l.substring("XDG_DOWNLOAD_DIR=".length()).replace("\"", "")
                            .replace("$HOME", userHome);
                    return value.isBlank() || !Path.of(value).isAbsolute() ? null : Path.of(value);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return null; // no xdg-user-dirs: the plain default
        }
        return null;
    }
}
