package dev.chat.wire.udp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Literal bytes of every datagram type (PROTOCOL.md §16.8.1), each length boundary, truncated
 * input and trailing bytes. The literals are the samples the specification prints; a change to the
 * layout must change them here on purpose.
 */
final class DatagramGoldenTest {
    private static final Map<String, String> GOLDEN = Map.of(
            "HANDSHAKE", "52550101000000000000004d0000000000000000"
                    + "00112233445566778899aabbccddeeff" + "0000000000001000" + "00400000" + "04b0" + "00001388"
                    + "2eea0adf",
            "HANDSHAKE_ACK", "52550102000000000000004d0000000000000000"
                    + "0000000000002000" + "0000000000001000" + "04b0" + "0000000000000001" + "e9e52212",
            "DATA", "52550103000000000000004d0000000000000001" + "0000000000001000" + "0005" + "68656c6c6f"
                    + "016995e1",
            "ACK", "52550104000000000000004d0000000000000001" + "00000000000014b0" + "0000000000000002"
                    + "000000fa" + "00400000" + "00" + "01" + "0000000000001960" + "000004b0" + "0f95adbe",
            "CLOSE", "52550105000000000000004d0000000000000004" + "0000000000002000" + "cb05e849",
            "CLOSE_ACK", "52550106000000000000004d0000000000000003" + "fbff2bcb",
            "RESET", "52550107000000000000004d0000000000000000" + "0002" + "575c0277");

    private static final long CONN = SampleDatagrams.CONNECTION;
    private final DatagramReader reader = new DatagramReader();
    private final DatagramWriter writer = new DatagramWriter();
    private final ByteBuffer out = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM + 64);

    static Stream<String> types() {
        return SampleDatagrams.all().keySet().stream();
    }

    private static byte[] golden(String type) {
        return HexFormat.of().parseHex(GOLDEN.get(type));
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    /** {@code d} with its last four bytes replaced by the CRC32C of the rest. */
    private static ByteBuffer resealed(byte[] d) {
        ByteBuffer b = ByteBuffer.wrap(d);
        b.putInt(d.length - RudpWire.CRC_BYTES, BitwiseCrc32c.of(d, d.length - RudpWire.CRC_BYTES));
        return b;
    }

    /** The golden datagram with its body cut or padded by {@code delta} bytes, then resealed. */
    private static ByteBuffer bodyResized(String type, int delta) {
        byte[] g = golden(type);
        int body = g.length - RudpWire.CRC_BYTES;
        byte[] d = new byte[g.length + delta];
        System.arraycopy(g, 0, d, 0, Math.min(body, body + delta));
        return resealed(d);
    }

    @Test
    void theCrc32cCheckValueOf123456789IsE3069283() {
        byte[] check = "123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        CRC32C crc = new CRC32C();
        crc.update(check);
        assertEquals(0xE3069283L, crc.getValue());
        assertEquals(0xE3069283, BitwiseCrc32c.of(check, check.length));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void everyTypeIsWrittenAsItsGoldenBytes(String type) {
        assertEquals(GOLDEN.get(type), HexFormat.of().formatHex(SampleDatagrams.all().get(type).bytes()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void everyGoldenDatagramEndsWithTheCrc32cOfTheBytesBeforeIt(String type) {
        byte[] g = golden(type);
        assertEquals(BitwiseCrc32c.of(g, g.length - 4), ByteBuffer.wrap(g).getInt(g.length - 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void everyGoldenDatagramParsesAsItsTypeAndConnection(String type) {
        assertEquals(ParseStatus.OK, reader.parse(ByteBuffer.wrap(golden(type))));
        assertEquals(PacketType.valueOf(type), reader.type);
        assertEquals(CONN, reader.connectionId);
        assertEquals(CONN, RudpWire.connectionIdOf(ByteBuffer.wrap(golden(type))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void everyPrefixOfAGoldenDatagramIsTooShortOrFailsItsChecksum(String type) {
        byte[] g = golden(type);
        for (int length = 0; length < g.length; length++) {
            ParseStatus expected = length < RudpWire.HEADER_BYTES + RudpWire.CRC_BYTES
                    ? ParseStatus.TOO_SHORT : ParseStatus.BAD_CHECKSUM;
            assertEquals(expected, reader.parse(ByteBuffer.wrap(g, 0, length)), "length " + length);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void aBodyOneByteLongerThanItsTypeSaysIsABadLength(String type) {
        assertEquals(ParseStatus.BAD_LENGTH, reader.parse(bodyResized(type, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"HANDSHAKE, TOO_SHORT", "HANDSHAKE_ACK, TOO_SHORT", "DATA, BAD_LENGTH", "ACK, BAD_LENGTH",
            "CLOSE, TOO_SHORT", "RESET, TOO_SHORT"})
    void aBodyOneByteShorterThanItsTypeSaysIsRefused(String type, ParseStatus expected) {
        assertEquals(expected, reader.parse(bodyResized(type, -1)));
    }

    @Test
    void theGoldenHandshakeCarriesItsFields() {
        reader.parse(ByteBuffer.wrap(golden("HANDSHAKE")));
        assertEquals(0, reader.packetNumber);
        assertEquals(SampleDatagrams.TOKEN, new TransferToken(reader.tokenHigh, reader.tokenLow));
        assertEquals(4096, reader.startOffset);
        assertEquals(4 << 20, reader.receiveWindow);
        assertEquals(1200, reader.maxPayload);
        assertEquals(5000, reader.maxAckDelayMicros);
    }

    @Test
    void theGoldenHandshakeAckCarriesItsFields() {
        reader.parse(ByteBuffer.wrap(golden("HANDSHAKE_ACK")));
        assertEquals(8192, reader.fileSize);
        assertEquals(4096, reader.startOffset);
        assertEquals(1200, reader.payloadSize);
        assertEquals(1, reader.firstDataPacket);
    }

    @Test
    void theGoldenDataCarriesItsPayloadInPlace() {
        byte[] g = golden("DATA");
        reader.parse(ByteBuffer.wrap(g));
        assertEquals(1, reader.packetNumber);
        assertEquals(4096, reader.offset);
        assertEquals(5, reader.payloadLength);
        assertEquals("hello", new String(g, reader.payloadPosition, 5, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void theGoldenAckCarriesItsFieldsAndRange() {
        reader.parse(ByteBuffer.wrap(golden("ACK")));
        assertEquals(5296, reader.cumulative);
        assertEquals(2, reader.largestPacket);
        assertEquals(250, reader.ackDelayMicros);
        assertEquals(4 << 20, reader.receiveWindow);
        assertFalse(reader.truncated);
        assertEquals(1, reader.rangeCount);
        assertEquals(6496, reader.rangeStart[0]);
        assertEquals(7696, reader.rangeEnd[0]);
    }

    @Test
    void theGoldenCloseCloseAckAndResetCarryTheirFields() {
        reader.parse(ByteBuffer.wrap(golden("CLOSE")));
        assertEquals(8192, reader.fileSize);
        assertEquals(4, reader.packetNumber);
        reader.parse(ByteBuffer.wrap(golden("CLOSE_ACK")));
        assertEquals(3, reader.packetNumber);
        reader.parse(ByteBuffer.wrap(golden("RESET")));
        assertEquals(FailureReason.BAD_TOKEN, FailureReason.fromCode(reader.resetCode));
    }

    @Test
    void aResetWithACodeThisVersionDoesNotKnowParsesAndReadsAsUnknown() {
        byte[] d = golden("RESET");
        ByteBuffer.wrap(d).putShort(RudpWire.HEADER_BYTES, (short) 99);
        assertEquals(ParseStatus.OK, reader.parse(resealed(d)));
        assertEquals(FailureReason.UNKNOWN, FailureReason.fromCode(reader.resetCode));
    }

    @ParameterizedTest(name = "payload {0} bytes: {1}")
    @CsvSource({"0, BAD_FIELD", "1, OK", "65000, OK", "65001, BAD_FIELD"})
    void dataPayloadsRunFromOneByteToTheMaximum(int length, ParseStatus expected) {
        writer.beginData(out, CONN, 1, 0, length);
        out.position(out.limit());
        writer.finishData(out);
        assertEquals(expected, reader.parse(out));
    }

    @ParameterizedTest(name = "{0} ranges: {1}")
    @CsvSource({"0, OK", "63, OK", "64, OK", "65, BAD_FIELD"})
    void anAckCarriesAtMostSixtyFourRanges(int count, ParseStatus expected) {
        long[] starts = new long[count];
        long[] ends = new long[count];
        for (int i = 0; i < count; i++) {
            starts[i] = 2_000 + 1_000L * i;
            ends[i] = starts[i] + 500;
        }
        writer.ack(out, CONN, 1, 1_000, 9, 0, 1 << 20, false, starts, ends, count);
        assertEquals(expected, reader.parse(out));
    }

    @ParameterizedTest(name = "max payload {0}, window {1}: {2}")
    @CsvSource({"15, 65536, BAD_FIELD", "16, 65536, OK", "1200, 1200, OK", "1200, 1199, BAD_FIELD",
            "1200, 0, BAD_FIELD", "65000, 65000, OK"})
    void aHandshakeOffersAtLeastSixteenBytesAndAWindowOfAtLeastOnePayload(int maxPayload, long window,
            ParseStatus expected) {
        writer.handshake(out, CONN, 0, 1, 2, 0, window, maxPayload, 5000);
        assertEquals(expected, reader.parse(out));
    }

    @ParameterizedTest(name = "payload {0}, start {1} of 8192: {2}")
    @CsvSource({"15, 0, BAD_FIELD", "16, 0, OK", "65000, 0, OK", "65001, 0, BAD_FIELD", "1200, 8192, OK",
            "1200, 8193, BAD_FIELD"})
    void aHandshakeAckChoosesALegalPayloadAndAStartWithinTheFile(int payload, long start, ParseStatus expected) {
        writer.handshakeAck(out, CONN, 0, 8192, start, payload, 1);
        assertEquals(expected, reader.parse(out));
    }

    @Test
    void aCloseWithANegativeFileSizeIsABadField() {
        writer.close(out, CONN, 1, -1);
        assertEquals(ParseStatus.BAD_FIELD, reader.parse(out));
    }

    @Test
    void aPacketNumberAtOrAboveTwoToTheSixtyThreeIsABadField() {
        writer.closeAck(out, CONN, Long.MIN_VALUE);
        assertEquals(ParseStatus.BAD_FIELD, reader.parse(out));
        writer.closeAck(out, CONN, Long.MAX_VALUE);
        assertEquals(ParseStatus.OK, reader.parse(out));
    }
}
