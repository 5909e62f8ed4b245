package dev.chat.wire.udp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One datagram of each type, written by {@link DatagramWriter}, for the golden tests and for the
 * samples in PROTOCOL.md §16.8.1 ({@link #render()}), so that the specification shows what the code
 * sends. The values tell one small story: transfer 77 resumes an 8 KiB file at 4096 with 1200-byte
 * payloads; the token is the one of the §16.2 example.
 */
final class SampleDatagrams {
    static final long CONNECTION = 77;
    static final TransferToken TOKEN = TransferToken.fromHex("00112233445566778899aabbccddeeff");
    static final long FILE_SIZE = 8192;
    static final long START = 4096;
    static final int WINDOW = 4 << 20;
    static final int PAYLOAD = 1200;
    static final int MAX_ACK_DELAY_US = 5000;

    /** A datagram and what it says, in words. */
    record Sample(String type, String says, byte[] bytes) {
    }

    private SampleDatagrams() {
    }

    /** In type-code order: HANDSHAKE (1) to RESET (7). */
    static Map<String, Sample> all() {
        DatagramWriter w = new DatagramWriter();
        ByteBuffer out = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM);
        Map<String, Sample> all = new LinkedHashMap<>();
        w.handshake(out, CONNECTION, 0, TOKEN.high(), TOKEN.low(), START, WINDOW, PAYLOAD, MAX_ACK_DELAY_US);
        add(all, "HANDSHAKE", out, "packet 0, token " + TOKEN.toHex() + ", start " + START + ", window " + WINDOW
                + ", max payload " + PAYLOAD + ", max ack delay " + MAX_ACK_DELAY_US + " us");
        w.handshakeAck(out, CONNECTION, 0, FILE_SIZE, START, PAYLOAD, 1);
        add(all, "HANDSHAKE_ACK", out, "packet 0, file size " + FILE_SIZE + ", start " + START + ", payload "
                + PAYLOAD + ", first DATA packet 1");
        byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
        w.beginData(out, CONNECTION, 1, START, hello.length);
        out.put(hello);
        w.finishData(out);
        add(all, "DATA", out, "packet 1, offset " + START + ", length 5, payload \"hello\"");
        long cumulative = START + PAYLOAD;
        long rangeStart = START + 2 * PAYLOAD;
        w.ack(out, CONNECTION, 1, cumulative, 2, 250, WINDOW, false, new long[] {rangeStart},
                new long[] {rangeStart + PAYLOAD}, 1);
        add(all, "ACK", out, "packet 1, cumulative " + cumulative + ", largest 2, ack delay 250 us, window " + WINDOW
                + ", flags 0, 1 range: start " + rangeStart + " length " + PAYLOAD);
        w.close(out, CONNECTION, 4, FILE_SIZE);
        add(all, "CLOSE", out, "packet 4, file size " + FILE_SIZE);
        w.closeAck(out, CONNECTION, 3);
        add(all, "CLOSE_ACK", out, "packet 3, empty body");
        w.reset(out, CONNECTION, 0, FailureReason.BAD_TOKEN);
        add(all, "RESET", out, "packet 0, reason 2 (BAD_TOKEN)");
        return all;
    }

    private static void add(Map<String, Sample> all, String type, ByteBuffer out, String says) {
        byte[] bytes = new byte[out.remaining()];
        out.duplicate().get(bytes);
        all.put(type, new Sample(type, says, bytes));
    }

    /**
     * The samples as PROTOCOL.md shows them: per datagram a line in words, then its hex as header,
     * body and CRC32C separated by {@code |}.
     */
    static String render() {
        HexFormat hex = HexFormat.of();
        StringBuilder text = new StringBuilder();
        for (Sample s : all().values()) {
            byte[] b = s.bytes();
            int crcAt = b.length - RudpWire.CRC_BYTES;
            text.append(s.type()).append(" (").append(b.length).append(" bytes), connection ").append(CONNECTION)
                    .append(": ").append(s.says()).append('\n')
                    .append(hex.formatHex(b, 0, RudpWire.HEADER_BYTES)).append(" | ")
                    .append(hex.formatHex(b, RudpWire.HEADER_BYTES, crcAt)).append(" | ")
                    .append(hex.formatHex(b, crcAt, b.length)).append('\n');
        }
        return text.toString();
    }
}
