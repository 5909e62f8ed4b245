package dev.chat.wire.udp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One datagram of each type, written by {@link DatagramWriter}, for the golden tests and for the
 * samples in PROTOCOL.md §16.8.1 ({@link #render()}), so that the specification shows what the code
 * sends: they are the test vectors of the packet protection. The values tell one small story:
 * transfer 77 resumes an 8 KiB file at 4096 with 1200-byte payloads, under the secret
 * 00 01 .. 1f; the daemon's RETRY carries the cookie c0 c1 .. d7, which the HANDSHAKE echoes.
 */
final class SampleDatagrams {
    static final long CONNECTION = 77;
    static final String SECRET_HEX = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    static final RudpKeys KEYS = RudpKeys.fromHex(SECRET_HEX, CONNECTION);
    static final byte[] COOKIE = HexFormat.of().parseHex("c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7");
    static final long FILE_SIZE = 8192;
    static final long START = 4096;
    static final int WINDOW = 4 << 20;
    static final int PAYLOAD = 1200;
    static final int MAX_ACK_DELAY_US = 5000;

    /** A datagram, what it says in words, and its body before sealing. */
    record Sample(String type, String says, byte[] bytes, byte[] plainBody) {
    }

    private SampleDatagrams() {
    }

    /** In type-code order: HANDSHAKE (1) to RETRY (8). */
    static Map<String, Sample> all() {
        DatagramWriter r = DatagramWriter.toSender(KEYS);
        DatagramWriter w = DatagramWriter.toReceiver(KEYS);
        ByteBuffer out = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM);
        Map<String, Sample> all = new LinkedHashMap<>();
        r.handshake(out, CONNECTION, 1, START, WINDOW, PAYLOAD, MAX_ACK_DELAY_US, COOKIE);
        add(all, "HANDSHAKE", out, "receiver, packet 1, start " + START + ", window " + WINDOW
                + ", max payload " + PAYLOAD + ", max ack delay " + MAX_ACK_DELAY_US + " us, the RETRY's cookie");
        w.handshakeAck(out, CONNECTION, 0, FILE_SIZE, START, PAYLOAD, 1);
        add(all, "HANDSHAKE_ACK", out, "sender, packet 0, file size " + FILE_SIZE + ", start " + START
                + ", payload " + PAYLOAD + ", first DATA packet 1");
        byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
        w.beginData(out, CONNECTION, 1, START, hello.length);
        out.put(hello);
        w.finishData(out);
        add(all, "DATA", out, "sender, packet 1, offset " + START + ", length 5, payload \"hello\"");
        long cumulative = START + PAYLOAD;
        long rangeStart = START + 2 * PAYLOAD;
        r.ack(out, CONNECTION, 2, cumulative, 2, 250, WINDOW, false, new long[] {rangeStart},
                new long[] {rangeStart + PAYLOAD}, 1);
        add(all, "ACK", out, "receiver, packet 2, cumulative " + cumulative + ", largest 2, ack delay 250 us, window "
                + WINDOW + ", flags 0, 1 range: start " + rangeStart + " length " + PAYLOAD);
        w.close(out, CONNECTION, 4, FILE_SIZE);
        add(all, "CLOSE", out, "sender, packet 4, file size " + FILE_SIZE);
        r.closeAck(out, CONNECTION, 3);
        add(all, "CLOSE_ACK", out, "receiver, packet 3, empty body");
        w.reset(out, CONNECTION, 5, FailureReason.PROTOCOL_VIOLATION);
        add(all, "RESET", out, "sender, packet 5, reason 4 (PROTOCOL_VIOLATION)");
        DatagramWriter.retry(KEYS).retry(out, CONNECTION, 0, COOKIE);
        add(all, "RETRY", out, "daemon, retry packet 0, cookie " + HexFormat.of().formatHex(COOKIE));
        return all;
    }

    /** True for the types the receiver seals (the sender's reader opens them). */
    static boolean fromReceiver(String type) {
        return type.equals("HANDSHAKE") || type.equals("ACK") || type.equals("CLOSE_ACK");
    }

    /** A reader that opens {@code type} as its peer would. */
    static DatagramReader readerFor(String type) {
        return fromReceiver(type) ? DatagramReader.fromReceiver(KEYS) : DatagramReader.fromSender(KEYS);
    }

    private static void add(Map<String, Sample> all, String type, ByteBuffer out, String says) {
        byte[] bytes = new byte[out.remaining()];
        out.duplicate().get(bytes);
        ByteBuffer plain = ByteBuffer.wrap(bytes.clone());
        if (readerFor(type).parse(plain) != ParseStatus.OK) {
            throw new AssertionError(type + " does not open under its own keys");
        }
        byte[] body = java.util.Arrays.copyOfRange(plain.array(), RudpWire.HEADER_BYTES, bytes.length - RudpWire.TAG_BYTES);
        all.put(type, new Sample(type, says, bytes, body));
    }

    /**
     * The samples as PROTOCOL.md shows them: per datagram a line in words, its plaintext body, then
     * its hex as header, sealed body and tag separated by {@code |}; first the derived keys.
     */
    static String render() {
        HexFormat hex = HexFormat.of();
        StringBuilder text = new StringBuilder("secret ").append(SECRET_HEX).append(", connection id ")
                .append(CONNECTION).append('\n');
        for (String[] d : new String[][] {{"s2r", "toReceiver"}, {"r2s", "toSender"}, {"retry", "retry"}}) {
            RudpKeys.Direction k = switch (d[1]) {
                case "toReceiver" -> KEYS.toReceiver;
                case "toSender" -> KEYS.toSender;
                default -> KEYS.retry;
            };
            text.append(d[0]).append(" key ").append(hex.formatHex(k.key())).append(", iv ")
                    .append(hex.formatHex(k.iv())).append('\n');
        }
        for (Sample s : all().values()) {
            byte[] b = s.bytes();
            int tagAt = b.length - RudpWire.TAG_BYTES;
            text.append('\n').append(s.type()).append(" (").append(b.length).append(" bytes), connection ")
                    .append(CONNECTION).append(": ").append(s.says()).append('\n')
                    .append("plaintext body: ").append(hex.formatHex(s.plainBody())).append('\n')
                    .append(hex.formatHex(b, 0, RudpWire.HEADER_BYTES)).append(" | ")
                    .append(hex.formatHex(b, RudpWire.HEADER_BYTES, tagAt)).append(" | ")
                    .append(hex.formatHex(b, tagAt, b.length)).append('\n');
        }
        return text.toString();
    }
}
