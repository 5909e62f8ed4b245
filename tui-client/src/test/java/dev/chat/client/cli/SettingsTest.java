package dev.chat.client.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The settings file: {@code key = value} lines, every mistake an error that names its line. */
class SettingsTest {
    @TempDir
    Path dir;

    private static Settings parse(String... lines) throws Settings.SettingsException {
        return Settings.parse(List.of(lines), "config");
    }

    private static String error(String... lines) {
        return assertThrows(Settings.SettingsException.class, () -> parse(lines)).getMessage();
    }

    @Test
    void keysTakeValuesWithCommentsAndBlankLinesIgnored() throws Exception {
        Settings s = parse("# my settings", "", "server = chat.lan:4000", "name=alice", "  bell = off  ",
                "join-filter = ALL", "mouse = yes", "log-dir = ~/chatlogs");
        assertEquals("chat.lan:4000", s.get(Settings.Key.SERVER));
        assertEquals("alice", s.get(Settings.Key.NAME));
        assertEquals("false", s.get(Settings.Key.BELL));
        assertEquals("all", s.get(Settings.Key.JOIN_FILTER));
        assertEquals("true", s.get(Settings.Key.MOUSE));
        assertEquals(System.getProperty("user.home") + "/chatlogs", s.get(Settings.Key.LOG_DIR));
        assertNull(s.get(Settings.Key.DOWNLOAD_DIR));
    }

    @Test
    void aBadLineIsAnErrorNamingTheLineAndWhatIsWrong() {
        assertEquals("config line 2: unknown key 'colour' (keys: server, name, download-dir, log-dir, bell,"
                + " join-filter, mouse, tls)", error("# ok", "colour = red"));
        assertEquals("config line 1: expected 'key = value', got 'bell off'", error("bell off"));
        assertEquals("config line 1: bell = loud: expected on or off", error("bell = loud"));
        assertEquals("config line 1: 'name' has no value", error("name ="));
        assertEquals("config line 2: 'bell' is set twice", error("bell = on", "bell = off"));
        assertEquals("config line 1: join-filter = some: expected smart or all", error("join-filter = some"));
        String badName = error("name = a b");
        assertEquals(true, badName.startsWith("config line 1: name = a b: "), badName);
        String badServer = error("server = host:99999");
        assertEquals(true, badServer.startsWith("config line 1: server = host:99999: "), badServer);
    }

    @Test
    void aMissingFileIsNoSettingsAndTheDefaultPathFollowsXdg() throws Exception {
        assertSame(Settings.NONE, Settings.load(dir.resolve("none")));
        assertEquals(Path.of("/x/chat/config"), StatePaths.config(Map.of("XDG_CONFIG_HOME", "/x"), "/home/a"));
        assertEquals(Path.of("/home/a/.config/chat/config"), StatePaths.config(Map.of(), "/home/a"));
        assertEquals(Path.of("/home/a/.config/chat/config"), StatePaths.config(Map.of("XDG_CONFIG_HOME", "rel"), "/home/a"));
    }
}
