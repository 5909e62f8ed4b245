package dev.chat.wireshark;

import dev.chat.wire.udp.DatagramWriter;
import dev.chat.wire.udp.FailureReason;
import dev.chat.wire.udp.RudpKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Malformed input never breaks the dissector: the recorded session truncated and bit-flipped
 * packet by packet, hostile chat lines, random bytes on the chat port, and datagrams that carry a
 * valid tag around absurd field values. tshark must finish, print no "Lua Error", and mark what it
 * could not read as malformed (expert info) instead.
 */
@Timeout(180)
final class DissectorFuzzTest {
    private static final int PORT = 13337;
    private static final long CID = 4242;
    private static final String SECRET = "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f";

    @TempDir
    Path dir;

    private static void assertNoLuaError(String out) {
        int at = out.indexOf("Lua Error");
        assertTrue(at < 0, "tshark reports a Lua error: " + out.substring(Math.max(0, at - 300), Math.min(out.length(), at + 300)));
    }

    @Test
    void theRecordedSessionTruncatedAndBitFlippedPacketByPacketRaisesNoLuaError() throws Exception {
        RecordedSession session = RecordedSession.get();
        assumeTrue(session != null, RecordedSession.skipReason());
        Pcap original = Pcap.read(session.capture);
        Random random = new Random(19);
        List<Pcap.Packet> mutated = new ArrayList<>();
        int payloadFrom = original.ipOffset() + 28;
        for (Pcap.Packet p : original.packets) {
            byte[] data = p.data();
            int cut = payloadFrom + random.nextInt(Math.max(1, data.length - payloadFrom));
            mutated.add(new Pcap.Packet(p.seconds(), p.micros(), Arrays.copyOf(data, Math.min(cut, data.length))));
            byte[] flipped = data.clone();
            for (int i = 0; i < 3 && data.length > payloadFrom; i++) {
                int bit = random.nextInt((data.length - payloadFrom) * 8);
                flipped[payloadFrom + bit / 8] ^= (byte) (1 << (bit % 8));
            }
            mutated.add(new Pcap.Packet(p.seconds(), p.micros(), flipped));
        }
        Path file = dir.resolve("mutated.pcap");
        new Pcap(original.linkType, mutated).write(file);
        String out = Tools.tshark(file, List.of(), "-V");
        assertNoLuaError(out);
        assertTrue(out.contains("json mode, client -> daemon") && out.contains("chat reliable UDP"), "the mutated session is still dissected");
    }

    @Test
    void hostileLinesRandomBytesAndAuthenticatedAbsurdDatagramsRaiseNoLuaError() throws Exception {
        String missing = Tools.missing(false);
        assumeTrue(missing == null, missing);
        List<byte[]> packets = new ArrayList<>();
        int stream = 0;
        for (String lines : hostileLines()) {
            int client = 20000 + stream++;
            packets.add(Pcap.tcp(client, PORT, 1, lines.getBytes(StandardCharsets.ISO_8859_1)));
        }
        // a data connection whose data line claims absurd offsets and lengths
        packets.add(Pcap.tcp(21000, PORT, 1, "{\"type\":\"fetch\",\"transfer\":1,\"token\":\"x\"}\n".getBytes(StandardCharsets.US_ASCII)));
        packets.add(Pcap.tcp(PORT, 21000, 1, "{\"type\":\"data\",\"transfer\":1,\"offset\":1e300,\"length\":-5}\nabc".getBytes(StandardCharsets.US_ASCII)));
        packets.add(Pcap.tcp(PORT, 21000, 58, "more bytes".getBytes(StandardCharsets.US_ASCII)));
        Random random = new Random(23);
        for (int i = 0; i < 60; i++) {
            byte[] junk = new byte[1 + random.nextInt(1500)];
            random.nextBytes(junk);
            packets.add(i % 2 == 0 ? Pcap.tcp(22000 + i, PORT, 1, junk) : Pcap.udp(23000 + i, PORT, junk));
            byte[] rudpLike = junk.clone();
            if (rudpLike.length >= 4) {
                rudpLike[0] = 0x52;
                rudpLike[1] = 0x55;
                rudpLike[2] = 2;
                rudpLike[3] = (byte) (1 + i % 8);
            }
            packets.add(Pcap.udp(24000, PORT, rudpLike));
        }
        packets.addAll(absurdDatagrams());
        List<Pcap.Packet> records = new ArrayList<>();
        for (byte[] p : packets) {
            records.add(new Pcap.Packet(1_700_000_000L + records.size(), 0, p));
        }
        Path file = dir.resolve("hostile.pcap");
        new Pcap(Pcap.LINK_RAW, records).write(file);
        Path keyLog = dir.resolve("keys.log");
        Files.writeString(keyLog, "CHAT_RUDP_SECRET " + CID + " " + SECRET + "\n");
        String out = Tools.tshark(file, List.of("CHAT_KEYLOGFILE=" + keyLog), "-2", "-V");
        assertNoLuaError(out);
        assertTrue(out.contains("Malformed line"), "hostile JSON is marked malformed");
        assertTrue(out.contains("Tag status: good"), "the forged datagrams authenticate");
        assertTrue(out.contains("length 9000 but 5 payload bytes"), "a DATA length beyond its body is marked malformed");
        assertTrue(out.contains("200 SACK ranges (at most 64)"), "too many SACK ranges are marked malformed");
        assertTrue(out.contains("Reason: ABORTED (6)"), "an authenticated RESET shows its reason");
        assertFalse(out.isBlank());
    }

    /** Lines the daemon would refuse, each as the first bytes of its own connection. */
    private static List<String> hostileLines() {
        return List.of(
                "{\"type\":\"hello\",\"id\":",
                "{\"type\":\"hello\",\"id\":1e400,\"name\":5}\n{\"id\":-1}\n{\"type\":\"send\",\"id\":1.5}\n",
                "[{\"id\":5}]\n{\"type\":\"ping\",\"id\":5} x\n\n\r\n{\"a\":tru}\n",
                "{\"type\":\"welcome\",\"re\":99,\"users\":[1,{},[]],\"limits\":{\"x\":[],\"rate_per_second\":\"a\"},"
                        + "\"files\":[{\"name\":7}],\"history\":\"x\"}\n",
                "{\"type\":\"message\",\"ts\":1e308,\"from\":\"\\ud800\\udc00\\ud800\",\"text\":\"\\u00e9\\x\"}\n",
                "{\"type\":\"history_page\",\"re\":1,\"messages\":[{\"id\":\"x\",\"ts\":-5},3],\"more\":false}\n",
                "{\"type\":\"download_ready\",\"re\":1,\"transfer\":77,\"key\":\"zz\",\"protocol\":\"udp\"}\n",
                "{".repeat(200) + "\n",
                "{\"type\":\"" + "x".repeat(70_000) + "\"}\n",
                "\u00ff\u00fe\u00c3\u0028 invalid UTF-8 in text mode\nbob: \u00e2\u0082\n/users\n",
                "\u0016\u0003\u0001\u0000\u0005hello not really TLS");
    }

    /** Correctly sealed datagrams whose fields are absurd: the tag is good, the content is not. */
    private static List<byte[]> absurdDatagrams() {
        RudpKeys keys = RudpKeys.fromHex(SECRET, CID);
        DatagramWriter toReceiver = DatagramWriter.toReceiver(keys);
        DatagramWriter toSender = DatagramWriter.toSender(keys);
        List<byte[]> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.allocate(4096);
        toSender.handshake(b, CID, 1, Long.MAX_VALUE, 0, 0, 0xFFFF_FFFFL, null);
        out.add(Pcap.udp(25000, PORT, bytes(b)));
        toReceiver.beginData(b, CID, 2, Long.MAX_VALUE, 5);
        b.putShort(b.position() - 2, (short) 9000); // the length field claims more than the payload
        b.put("hello".getBytes(StandardCharsets.US_ASCII));
        toReceiver.finishData(b);
        out.add(Pcap.udp(PORT, 25000, bytes(b)));
        long[] starts = new long[200];
        long[] ends = new long[200];
        for (int i = 0; i < 200; i++) {
            starts[i] = Long.MAX_VALUE - i;
            ends[i] = starts[i] + (i % 3 == 0 ? 0 : 1_000_000);
        }
        toSender.ack(b, CID, -1, Long.MAX_VALUE, -1, Long.MAX_VALUE, 0, true, starts, ends, 200);
        out.add(Pcap.udp(25000, PORT, bytes(b)));
        toReceiver.reset(b, CID, 3, FailureReason.ABORTED);
        byte[] reset = bytes(b);
        out.add(Pcap.udp(PORT, 25000, reset));
        out.add(Pcap.udp(PORT, 25000, reset)); // a duplicate
        toReceiver.handshakeAck(b, CID, 0, -1, -1, 65535, -1);
        out.add(Pcap.udp(PORT, 25000, bytes(b)));
        out.add(Pcap.udp(PORT, 25000, HexFormat.of().parseHex("5255020300000000000010920000000000000009")));
        return out;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }
}
