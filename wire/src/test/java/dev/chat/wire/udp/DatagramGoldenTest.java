package dev.chat.wire.udp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Literal bytes of every datagram type (PROTOCOL.md §16.8.1) under the sample keys: the test
 * vectors of the packet protection. Each is opened by its peer's reader only; any flipped byte,
 * prefix or other key fails; each body length boundary is refused after resealing. The literals
 * are the samples the specification prints; a change to the layout must change them here on purpose.
 */
final class DatagramGoldenTest {
    private static final Map<String, String> GOLDEN = Map.of(
            "HANDSHAKE", "52550201000000000000004d00000000000000019df894c92ca3f4445c0b56fd60f09ab11f5d04b1ddb598897bea14a5ae8dcec3788ff629f48db27cdabebc3e20ad2880cdd20548db542a152a0e",
            "HANDSHAKE_ACK", "52550202000000000000004d00000000000000001abde5c133f7b5f6426020cd3e22f43e4982bc201d27450c2fae65af4ce788772f6cef00a50811074ffb",
            "DATA", "52550203000000000000004d0000000000000001ebba14aecff301f6f66a82ad68358f3495fa13159dfdac7ce9121a37fc466a",
            "ACK", "52550204000000000000004d0000000000000002c7a6b5798f8cafdaa1cdff94ba3d62d3d25525c73ed07b52b37f3f80ce6580781f644bf8b42c76384a28db2a643aab4a0863e42c8d53",
            "CLOSE", "52550205000000000000004d0000000000000004401fa049b412f0b4e0f69b90ff58ed5f7bbc2a5f76693e21",
            "CLOSE_ACK", "52550206000000000000004d0000000000000003124a73373ecf3b981096e707c63a16a9",
            "RESET", "52550207000000000000004d0000000000000005e39df56e390183d8792ffaa1e8b3ddff32be",
            "RETRY", "52550208000000000000004d00000000000000000991b848a33c7553e7b8bc366fedfc8f9e43f0f5abcd508dbc6750dc7b6695e0c1d98f5ca6ea6712");

    private static final long CONN = SampleDatagrams.CONNECTION;
    private final ByteBuffer out = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM + 64);

    static Stream<String> types() {
        return SampleDatagrams.all().keySet().stream();
    }

    private static byte[] golden(String type) {
        return HexFormat.of().parseHex(GOLDEN.get(type));
    }

    private static DatagramReader reader(String type) {
        return SampleDatagrams.readerFor(type);
    }

    /** The golden datagram with its plaintext body cut or padded by {@code delta} bytes, sealed again. */
    private static ByteBuffer bodyResized(String type, int delta) {
        SampleDatagrams.Sample s = SampleDatagrams.all().get(type);
        byte[] body = Arrays.copyOf(s.plainBody(), s.plainBody().length + delta);
        byte[] d = new byte[RudpWire.HEADER_BYTES + body.length + RudpWire.TAG_BYTES];
        System.arraycopy(s.bytes(), 0, d, 0, RudpWire.HEADER_BYTES);
        System.arraycopy(body, 0, d, RudpWire.HEADER_BYTES, body.length);
        ByteBuffer b = ByteBuffer.wrap(d);
        RudpKeys.Direction keys = type.equals("RETRY") ? SampleDatagrams.KEYS.retry
                : SampleDatagrams.fromReceiver(type) ? SampleDatagrams.KEYS.toSender : SampleDatagrams.KEYS.toReceiver;
        new PacketProtection(keys).seal(b, 0, d.length - RudpWire.TAG_BYTES, b.getLong(12));
        return b;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void everyTypeIsWrittenAsItsGoldenBytes(String type) {
        assertEquals(GOLDEN.get(type), HexFormat.of().formatHex(SampleDatagrams.all().get(type).bytes()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void everyGoldenDatagramOpensUnderItsPeersKeysAsItsTypeAndConnection(String type) {
        DatagramReader reader = reader(type);
        ByteBuffer g = ByteBuffer.wrap(golden(type));
        assertEquals(ParseStatus.OK, reader.parse(g));
        assertEquals(PacketType.valueOf(type), reader.type);
        assertEquals(CONN, reader.connectionId);
        assertArrayEquals(SampleDatagrams.all().get(type).plainBody(),
                Arrays.copyOfRange(g.array(), RudpWire.HEADER_BYTES, g.limit() - RudpWire.TAG_BYTES), "decrypted in place");
        assertEquals(CONN, RudpWire.connectionIdOf(ByteBuffer.wrap(golden(type))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void noGoldenDatagramOpensUnderTheOtherDirectionOrAnotherTransfersKeys(String type) {
        RudpKeys other = RudpKeys.fromHex(SampleDatagrams.SECRET_HEX.replace('0', '9'), CONN);
        RudpKeys otherConnection = RudpKeys.fromHex(SampleDatagrams.SECRET_HEX, CONN + 1);
        DatagramReader wrongDirection = SampleDatagrams.fromReceiver(type)
                ? DatagramReader.fromSender(SampleDatagrams.KEYS) : DatagramReader.fromReceiver(SampleDatagrams.KEYS);
        assertEquals(ParseStatus.UNAUTHENTICATED, wrongDirection.parse(ByteBuffer.wrap(golden(type))));
        for (RudpKeys keys : new RudpKeys[] {other, otherConnection}) {
            DatagramReader wrong = SampleDatagrams.fromReceiver(type)
                    ? DatagramReader.fromReceiver(keys) : DatagramReader.fromSender(keys);
            assertEquals(ParseStatus.UNAUTHENTICATED, wrong.parse(ByteBuffer.wrap(golden(type))));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void everyFlippedBitOfAGoldenDatagramIsRefused(String type) {
        byte[] g = golden(type);
        for (int i = 0; i < g.length; i++) {
            for (int bit = 0; bit < 8; bit += 7) {
                byte[] d = g.clone();
                d[i] ^= (byte) (1 << bit);
                ParseStatus status = reader(type).parse(ByteBuffer.wrap(d));
                assertNotEquals(ParseStatus.OK, status, "byte " + i + " bit " + bit);
                if (i >= 4) {
                    assertTrue(status == ParseStatus.UNAUTHENTICATED || status == ParseStatus.BAD_FIELD,
                            "byte " + i + ": " + status); // the tag covers header and body alike
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void everyPrefixOfAGoldenDatagramIsTooShortOrUnauthenticated(String type) {
        byte[] g = golden(type);
        for (int length = 0; length < g.length; length++) {
            ParseStatus expected = length < RudpWire.HEADER_BYTES + RudpWire.TAG_BYTES
                    ? ParseStatus.TOO_SHORT : ParseStatus.UNAUTHENTICATED;
            assertEquals(expected, reader(type).parse(ByteBuffer.wrap(g.clone(), 0, length)), "length " + length);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void aBodyOneByteLongerThanItsTypeSaysIsABadLength(String type) {
        assertEquals(ParseStatus.BAD_LENGTH, reader(type).parse(bodyResized(type, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"HANDSHAKE, TOO_SHORT", "HANDSHAKE_ACK, TOO_SHORT", "DATA, BAD_LENGTH", "ACK, BAD_LENGTH",
            "CLOSE, TOO_SHORT", "RESET, TOO_SHORT", "RETRY, TOO_SHORT"})
    void aBodyOneByteShorterThanItsTypeSaysIsRefused(String type, ParseStatus expected) {
        assertEquals(expected, reader(type).parse(bodyResized(type, -1)));
    }

    @Test
    void theGoldenHandshakeCarriesItsFieldsAndTheRetrysCookie() {
        DatagramReader reader = reader("HANDSHAKE");
        reader.parse(ByteBuffer.wrap(golden("HANDSHAKE")));
        assertEquals(1, reader.packetNumber);
        assertEquals(4096, reader.startOffset);
        assertEquals(4 << 20, reader.receiveWindow);
        assertEquals(1200, reader.maxPayload);
        assertEquals(5000, reader.maxAckDelayMicros);
        assertTrue(reader.hasCookie);
        assertArrayEquals(SampleDatagrams.COOKIE, reader.cookie);
    }

    @Test
    void aHandshakeBeforeAnyRetryCarriesNoCookie() {
        DatagramWriter.toSender(SampleDatagrams.KEYS).handshake(out, CONN, 0, 0, 1 << 20, 1200, 5000, null);
        DatagramReader reader = reader("HANDSHAKE");
        assertEquals(ParseStatus.OK, reader.parse(out));
        assertFalse(reader.hasCookie);
    }

    @Test
    void theGoldenRetryCarriesItsCookie() {
        DatagramReader reader = reader("RETRY");
        reader.parse(ByteBuffer.wrap(golden("RETRY")));
        assertEquals(PacketType.RETRY, reader.type);
        assertArrayEquals(SampleDatagrams.COOKIE, reader.cookie);
    }

    @Test
    void theGoldenHandshakeAckCarriesItsFields() {
        DatagramReader reader = reader("HANDSHAKE_ACK");
        reader.parse(ByteBuffer.wrap(golden("HANDSHAKE_ACK")));
        assertEquals(8192, reader.fileSize);
        assertEquals(4096, reader.startOffset);
        assertEquals(1200, reader.payloadSize);
        assertEquals(1, reader.firstDataPacket);
    }

    @Test
    void theGoldenDataCarriesItsPayloadInPlace() {
        byte[] g = golden("DATA");
        DatagramReader reader = reader("DATA");
        reader.parse(ByteBuffer.wrap(g));
        assertEquals(1, reader.packetNumber);
        assertEquals(4096, reader.offset);
        assertEquals(5, reader.payloadLength);
        assertEquals("hello", new String(g, reader.payloadPosition, 5, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void theGoldenAckCarriesItsFieldsAndRange() {
        DatagramReader reader = reader("ACK");
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
        DatagramReader reader = reader("CLOSE");
        reader.parse(ByteBuffer.wrap(golden("CLOSE")));
        assertEquals(8192, reader.fileSize);
        assertEquals(4, reader.packetNumber);
        DatagramReader senders = reader("CLOSE_ACK");
        senders.parse(ByteBuffer.wrap(golden("CLOSE_ACK")));
        assertEquals(3, senders.packetNumber);
        reader.parse(ByteBuffer.wrap(golden("RESET")));
        assertEquals(FailureReason.PROTOCOL_VIOLATION, FailureReason.fromCode(reader.resetCode));
    }

    @Test
    void aResetWithACodeThisVersionDoesNotKnowParsesAndReadsAsUnknown() {
        DatagramWriter.toReceiver(SampleDatagrams.KEYS).reset(out, CONN, 9, FailureReason.UNKNOWN);
        DatagramReader reader = reader("RESET");
        assertEquals(ParseStatus.OK, reader.parse(out));
        assertEquals(FailureReason.UNKNOWN, FailureReason.fromCode(reader.resetCode));
    }

    private final DatagramWriter sender = DatagramWriter.toReceiver(SampleDatagrams.KEYS);
    private final DatagramWriter receiver = DatagramWriter.toSender(SampleDatagrams.KEYS);
    private final DatagramReader receiverReader = DatagramReader.fromSender(SampleDatagrams.KEYS);
    private final DatagramReader senderReader = DatagramReader.fromReceiver(SampleDatagrams.KEYS);

    @ParameterizedTest(name = "payload {0} bytes: {1}")
    @CsvSource({"0, BAD_FIELD", "1, OK", "65000, OK", "65001, BAD_FIELD"})
    void dataPayloadsRunFromOneByteToTheMaximum(int length, ParseStatus expected) {
        sender.beginData(out, CONN, 1, 0, length);
        out.position(out.limit());
        sender.finishData(out);
        assertEquals(expected, receiverReader.parse(out));
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
        receiver.ack(out, CONN, 1, 1_000, 9, 0, 1 << 20, false, starts, ends, count);
        assertEquals(expected, senderReader.parse(out));
    }

    @ParameterizedTest(name = "max payload {0}, window {1}: {2}")
    @CsvSource({"15, 65536, BAD_FIELD", "16, 65536, OK", "1200, 1200, OK", "1200, 1199, BAD_FIELD",
            "1200, 0, BAD_FIELD", "65000, 65000, OK"})
    void aHandshakeOffersAtLeastSixteenBytesAndAWindowOfAtLeastOnePayload(int maxPayload, long window,
            ParseStatus expected) {
        receiver.handshake(out, CONN, 0, 0, window, maxPayload, 5000, null);
        assertEquals(expected, senderReader.parse(out));
    }

    @ParameterizedTest(name = "payload {0}, start {1} of 8192: {2}")
    @CsvSource({"15, 0, BAD_FIELD", "16, 0, OK", "65000, 0, OK", "65001, 0, BAD_FIELD", "1200, 8192, OK",
            "1200, 8193, BAD_FIELD"})
    void aHandshakeAckChoosesALegalPayloadAndAStartWithinTheFile(int payload, long start, ParseStatus expected) {
        sender.handshakeAck(out, CONN, 0, 8192, start, payload, 1);
        assertEquals(expected, receiverReader.parse(out));
    }

    @Test
    void aCloseWithANegativeFileSizeIsABadField() {
        sender.close(out, CONN, 1, -1);
        assertEquals(ParseStatus.BAD_FIELD, receiverReader.parse(out));
    }

    @Test
    void aPacketNumberAtOrAboveTwoToTheSixtyThreeIsABadField() {
        receiver.closeAck(out, CONN, Long.MIN_VALUE);
        assertEquals(ParseStatus.BAD_FIELD, senderReader.parse(out));
        receiver.closeAck(out, CONN, Long.MAX_VALUE);
        assertEquals(ParseStatus.OK, senderReader.parse(out));
    }
}
