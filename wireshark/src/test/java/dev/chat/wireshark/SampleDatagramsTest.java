package dev.chat.wireshark;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dissector against the sample datagrams of wire/PROTOCOL.md 16.8.1 (one of each type; the
 * block ProtocolSamplesTest keeps equal to what DatagramWriter writes): read from the spec, put in
 * a capture on port 13337, decrypted with the samples' secret from a key log, every field checked.
 */
@Timeout(120)
final class SampleDatagramsTest {
    private static final Pattern SECRET = Pattern.compile("^secret ([0-9a-f]{64}), connection id (\\d+)$", Pattern.MULTILINE);
    private static final Pattern DATAGRAM = Pattern.compile("^([0-9a-f]{40}) \\| ([0-9a-f]*) \\| ([0-9a-f]{32})$", Pattern.MULTILINE);
    private static final int CLIENT_PORT = 40000;
    private static final int DAEMON_PORT = 13337;

    @TempDir
    static Path dir;
    static Path capture;
    static String keyLogLine;

    @BeforeAll
    static void writeTheSamplesAsACapture() throws IOException {
        String spec = Files.readString(Path.of(System.getProperty("protocol.md")), StandardCharsets.UTF_8);
        Matcher secret = SECRET.matcher(spec);
        assumeTrue(secret.find(), "PROTOCOL.md has no sample secret");
        keyLogLine = "CHAT_RUDP_SECRET " + secret.group(2) + " " + secret.group(1) + "\n";
        List<Pcap.Packet> packets = new ArrayList<>();
        Matcher m = DATAGRAM.matcher(spec);
        HexFormat hex = HexFormat.of();
        while (m.find()) {
            byte[] datagram = hex.parseHex(m.group(1) + m.group(2) + m.group(3));
            boolean fromReceiver = List.of(1, 4, 6).contains((int) datagram[3]);
            byte[] ip = fromReceiver ? Pcap.udp(CLIENT_PORT, DAEMON_PORT, datagram) : Pcap.udp(DAEMON_PORT, CLIENT_PORT, datagram);
            packets.add(new Pcap.Packet(1_700_000_000L + packets.size(), 0, ip));
        }
        assertEquals(8, packets.size(), "one sample per datagram type");
        // and a copy of the DATA sample with one bit of its body flipped: the tag must fail
        byte[] flipped = packets.get(2).data().clone();
        flipped[flipped.length - 20] ^= 1;
        packets.add(new Pcap.Packet(1_700_000_100L, 0, flipped));
        capture = dir.resolve("samples.pcap");
        new Pcap(Pcap.LINK_RAW, packets).write(capture);
    }

    private static List<String> keyLog() throws IOException {
        Path log = dir.resolve("keys.log");
        Files.writeString(log, "# a comment line is ignored\n" + keyLogLine);
        return List.of("CHAT_KEYLOGFILE=" + log);
    }

    private static void skipWithoutTshark() {
        String missing = Tools.missing(false);
        assumeTrue(missing == null, missing);
    }

    /** One tshark run for both tests that have the key. */
    private static List<String[]> withKey;

    private static synchronized List<String[]> decoded() throws Exception {
        if (withKey == null) {
            withKey = Tools.fields(capture, keyLog(), List.of(), "chatrudp",
                "chatrudp.type", "chatrudp.transfer", "chatrudp.pn", "chatrudp.tag.status", "chatrudp.direction",
                "chatrudp.start", "chatrudp.window", "chatrudp.max_payload", "chatrudp.max_ack_delay",
                "chatrudp.file_size", "chatrudp.payload_size", "chatrudp.first_data_pn",
                "chatrudp.offset", "chatrudp.length", "chatrudp.payload", "chatrudp.end",
                "chatrudp.ack.cumulative", "chatrudp.ack.largest", "chatrudp.ack.delay", "chatrudp.ack.window",
                "chatrudp.ack.ranges", "chatrudp.sack.start", "chatrudp.sack.length", "chatrudp.sack.end",
                "chatrudp.reset", "chatrudp.cookie", "_ws.expert.message");
        }
        return withKey;
    }

    @Test
    void everyDatagramTypeIsDecryptedAndItsFieldsShown() throws Exception {
        skipWithoutTshark();
        List<String[]> rows = decoded().subList(0, 8);
        String cookie = "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7";
        String[][] expected = {
            {"1", "77", "1", "good", "client (receiver) to daemon (sender)", "4096", "4194304", "1200", "5000",
                "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", cookie},
            {"2", "77", "0", "good", "daemon (sender) to client (receiver)", "4096", "", "", "", "8192", "1200", "1",
                "", "", "", "", "", "", "", "", "", "", "", "", "", ""},
            {"3", "77", "1", "good", "daemon (sender) to client (receiver)", "", "", "", "", "", "", "",
                "4096", "5", "68656c6c6f", "4101", "", "", "", "", "", "", "", "", "", ""},
            {"4", "77", "2", "good", "client (receiver) to daemon (sender)", "", "", "", "", "", "", "",
                "", "", "", "", "5296", "2", "250", "4194304", "1", "6496", "1200", "7696", "", ""},
            {"5", "77", "4", "good", "daemon (sender) to client (receiver)", "", "", "", "", "8192", "", "",
                "", "", "", "", "", "", "", "", "", "", "", "", "", ""},
            {"6", "77", "3", "good", "client (receiver) to daemon (sender)", "", "", "", "", "", "", "",
                "", "", "", "", "", "", "", "", "", "", "", "", "", ""},
            {"7", "77", "5", "good", "daemon (sender) to client (receiver)", "", "", "", "", "", "", "",
                "", "", "", "", "", "", "", "", "", "", "", "", "4", ""},
            {"8", "77", "0", "good", "daemon to client (RETRY)", "", "", "", "", "", "", "",
                "", "", "", "", "", "", "", "", "", "", "", "", "", cookie},
        };
        for (int i = 0; i < expected.length; i++) {
            String[] row = java.util.Arrays.copyOf(rows.get(i), expected[i].length);
            assertArrayEquals(expected[i], row, "frame " + (i + 1) + ": " + String.join("|", rows.get(i)));
        }
    }

    @Test
    void aFlippedBitFailsTheTagAndShowsNoPlaintext() throws Exception {
        skipWithoutTshark();
        List<String[]> rows = decoded();
        assertEquals(9, rows.size());
        String[] flipped = rows.get(8);
        assertEquals("3", flipped[0]);
        assertEquals("bad", flipped[3]);
        assertEquals("", flipped[12], "no offset from a datagram that failed its tag");
        assertEquals("Authentication failed (the receiver drops it)", flipped[26]);
    }

    @Test
    void withoutTheKeyOnlyTheHeaderAndTagAreShown() throws Exception {
        skipWithoutTshark();
        List<String[]> rows = Tools.fields(capture, List.of(), List.of(), "frame.number == 3",
                "chatrudp.type", "chatrudp.transfer", "chatrudp.pn", "chatrudp.tag", "chatrudp.tag.status",
                "chatrudp.offset", "_ws.expert.message");
        assertEquals(1, rows.size());
        assertArrayEquals(new String[] {"3", "77", "1", "3495fa13159dfdac7ce9121a37fc466a", "no key", "",
            "No key for this transfer: body not decrypted"}, rows.get(0));
    }
}
