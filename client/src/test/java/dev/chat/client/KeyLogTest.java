package dev.chat.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The key log's lines are what the Wireshark dissector reads (wireshark/chatd/keys.lua). */
final class KeyLogTest {
    private static final String SECRET = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty(KeyLog.PROPERTY);
    }

    @Test
    void eachTransferAppendsOneLineOfLabelTransferIdAndSecret() throws Exception {
        Path file = dir.resolve("keys.log");
        System.setProperty(KeyLog.PROPERTY, file.toString());
        KeyLog.record(77, SECRET);
        KeyLog.record(9007199254740991L, SECRET);
        assertEquals("CHAT_RUDP_SECRET 77 " + SECRET + "\nCHAT_RUDP_SECRET 9007199254740991 " + SECRET + "\n",
                Files.readString(file, StandardCharsets.US_ASCII));
    }

    @Test
    void anUnwritableKeyLogDoesNotFailTheDownload() {
        System.setProperty(KeyLog.PROPERTY, dir.resolve("no/such/folder/keys.log").toString());
        KeyLog.record(77, SECRET); // logs a warning, throws nothing
        assertEquals(false, Files.exists(dir.resolve("no")));
    }
}
