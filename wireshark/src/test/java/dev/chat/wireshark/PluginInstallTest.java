package dev.chat.wireshark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** scripts/wireshark-plugin puts the dissector where tshark finds it by itself, and takes it away again. */
@Timeout(60)
final class PluginInstallTest {
    @TempDir
    Path home;

    private String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("XDG_CONFIG_HOME");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void installPutsTheDissectorInThePersonalPluginFolderAndUninstallRemovesIt() throws Exception {
        String missing = Tools.missing(false);
        assumeTrue(missing == null, missing);
        String script = Path.of(System.getProperty("scripts.dir", "../scripts"), "wireshark-plugin").toString();
        run(script, "install");
        Path plugins = home.resolve(".local/lib/wireshark/plugins");
        assertTrue(Files.isRegularFile(plugins.resolve("chatd.lua")));
        for (String module : List.of("crypto", "json", "keys", "lines", "rudp")) {
            assertTrue(Files.isRegularFile(plugins.resolve("chatd/" + module + ".lua")), module);
        }
        String protocols = run("tshark", "-G", "protocols");
        assertTrue(protocols.contains("\tchatd\n") && protocols.contains("\tchatrudp\n") && protocols.contains("\tchatdata\n"),
                "tshark loads the installed plugin");
        run(script, "uninstall");
        assertFalse(Files.exists(plugins.resolve("chatd.lua")));
        assertFalse(Files.exists(plugins.resolve("chatd")));
    }
}
