package dev.chat.wire.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DatagramCodecTest {
    private static final long CONN = 0x0102_0304_0506_0708L;
    private final DatagramWriter writer = new DatagramWriter();
    private final DatagramReader reader = new DatagramReader();

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    @Test
    void handshakeHasTheDocumentedByteLayout() {
        ByteBuffer out = ByteBuffer.allocate(2048);
        writer.handshake(out, CONN, 5, 0x1111111111111111L, 0x2222222222222222L, 1000, 4 << 20, 1200, 5000);
        byte[] d = bytes(out);
        String expected = "5255" + "01" + "01" + "0102030405060708" + "0000000000000005"
                + "1111111111111111" + "2222222222222222" + "00000000000003e8" + "00400000" + "04b0" + "00001388";
        assertEquals(expected, HexFormat.of().formatHex(d, 0, d.length - 4));
        assertEquals(58, d.length);
        assertEquals(BitwiseCrc32c.of(d, d.length - 4), ByteBuffer.wrap(d).getInt(d.length - 4));
    }

    @Test
    void dataAndAckHaveTheDocumentedByteLayout() {
        ByteBuffer out = ByteBuffer.allocate(2048);
        writer.beginData(out, CONN, 9, 2400, 3);
        out.put(new byte[] {7, 8, 9});
        writer.finishData(out);
        byte[] d = bytes(out);
        assertEquals("5255010301020304050607080000000000000009" + "0000000000000960" + "0003" + "070809",
                HexFormat.of().formatHex(d, 0, d.length - 4));
        assertEquals(BitwiseCrc32c.of(d, d.length - 4), ByteBuffer.wrap(d).getInt(d.length - 4));

        writer.ack(out, CONN, 1, 1200, 9, 250, 65536, true, new long[] {2400}, new long[] {3600}, 1);
        byte[] a = bytes(out);
        assertEquals("5255010401020304050607080000000000000001" + "00000000000004b0" + "0000000000000009"
                + "000000fa" + "00010000" + "01" + "01" + "0000000000000960" + "000004b0",
                HexFormat.of().formatHex(a, 0, a.length - 4));
    }

    private List<byte[]> oneOfEachType() {
        ByteBuffer out = ByteBuffer.allocate(4096);
        List<byte[]> all = new ArrayList<>();
        writer.handshake(out, CONN, 0, 1, 2, 0, 65536, 1200, 25000);
        all.add(bytes(out));
        writer.handshakeAck(out, CONN, 0, 123456, 1000, 1200, 1);
        all.add(bytes(out));
        writer.beginData(out, CONN, 1, 1000, 5);
        out.put(new byte[] {1, 2, 3, 4, 5});
        writer.finishData(out);
        all.add(bytes(out));
        writer.ack(out, CONN, 3, 2200, 17, 1234, 99999, false, new long[] {3400, 9000}, new long[] {4600, 9500}, 2);
        all.add(bytes(out));
        writer.close(out, CONN, 40, 123456);
        all.add(bytes(out));
        writer.closeAck(out, CONN, 41);
        all.add(bytes(out));
        writer.reset(out, CONN, 42, FailureReason.BAD_TOKEN);
        all.add(bytes(out));
        return all;
    }

    @Test
    void everyTypeRoundTrips() {
        List<byte[]> all = oneOfEachType();
        for (byte[] d : all) {
            assertEquals(ParseStatus.OK, reader.parse(ByteBuffer.wrap(d)));
            assertEquals(CONN, reader.connectionId);
            assertEquals(CONN, RudpWire.connectionIdOf(ByteBuffer.wrap(d)));
        }
        reader.parse(ByteBuffer.wrap(all.get(0)));
        assertEquals(PacketType.HANDSHAKE, reader.type);
        assertEquals(1, reader.tokenHigh);
        assertEquals(2, reader.tokenLow);
        assertEquals(65536, reader.receiveWindow);
        assertEquals(1200, reader.maxPayload);
        assertEquals(25000, reader.maxAckDelayMicros);
        reader.parse(ByteBuffer.wrap(all.get(1)));
        assertEquals(123456, reader.fileSize);
        assertEquals(1000, reader.startOffset);
        assertEquals(1200, reader.payloadSize);
        reader.parse(ByteBuffer.wrap(all.get(2)));
        assertEquals(1000, reader.offset);
        assertEquals(5, reader.payloadLength);
        assertEquals(3, all.get(2)[reader.payloadPosition + 2]);
        reader.parse(ByteBuffer.wrap(all.get(3)));
        assertEquals(2200, reader.cumulative);
        assertEquals(17, reader.largestPacket);
        assertEquals(1234, reader.ackDelayMicros);
        assertEquals(99999, reader.receiveWindow);
        assertFalse(reader.truncated);
        assertEquals(2, reader.rangeCount);
        assertEquals(9000, reader.rangeStart[1]);
        assertEquals(9500, reader.rangeEnd[1]);
        reader.parse(ByteBuffer.wrap(all.get(6)));
        assertEquals(FailureReason.BAD_TOKEN, FailureReason.fromCode(reader.resetCode));
    }

    @Test
    void everyTruncationOfEveryTypeIsATypedFailure() {
        for (byte[] d : oneOfEachType()) {
            for (int length = 0; length < d.length; length++) {
                assertNotEquals(ParseStatus.OK, reader.parse(ByteBuffer.wrap(d, 0, length)), "length " + length);
            }
        }
    }

    @Test
    void everySingleByteCorruptionIsDetected() {
        for (byte[] d : oneOfEachType()) {
            for (int i = 0; i < d.length; i++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] c = d.clone();
                    c[i] ^= (byte) (1 << bit);
                    assertNotEquals(ParseStatus.OK, reader.parse(ByteBuffer.wrap(c)), "byte " + i + " bit " + bit);
                }
            }
        }
    }

    @Test
    void trailingBytesAreABadLength() {
        ByteBuffer out = ByteBuffer.allocate(64);
        writer.closeAck(out, CONN, 1);
        byte[] d = bytes(out);
        byte[] longer = new byte[d.length + 1];
        System.arraycopy(d, 0, longer, 0, d.length - 4);
        ByteBuffer fixed = ByteBuffer.wrap(longer);
        fixed.putInt(longer.length - 4, BitwiseCrc32c.of(longer, longer.length - 4));
        assertEquals(ParseStatus.BAD_LENGTH, reader.parse(fixed));
    }

    /** Re-seals a datagram whose header or body was edited. */
    private static ByteBuffer sealed(byte[] d) {
        ByteBuffer b = ByteBuffer.wrap(d);
        b.putInt(d.length - 4, BitwiseCrc32c.of(d, d.length - 4));
        return b;
    }

    @Test
    void semanticallyBadFieldsAreTypedFailures() {
        List<byte[]> all = oneOfEachType();
        byte[] version = all.get(5).clone();
        version[2] = 2;
        assertEquals(ParseStatus.BAD_VERSION, reader.parse(sealed(version)));
        byte[] type = all.get(5).clone();
        type[3] = 99;
        assertEquals(ParseStatus.UNKNOWN_TYPE, reader.parse(sealed(type)));
        byte[] zeroConnection = all.get(5).clone();
        java.util.Arrays.fill(zeroConnection, 4, 12, (byte) 0);
        assertEquals(ParseStatus.BAD_FIELD, reader.parse(sealed(zeroConnection)));
        byte[] descending = all.get(3).clone();
        ByteBuffer.wrap(descending).putLong(20 + 26 + 12, 4000); // second range now overlaps the first
        assertEquals(ParseStatus.BAD_FIELD, reader.parse(sealed(descending)));
        byte[] tooManyRanges = all.get(3).clone();
        tooManyRanges[20 + 25] = 3;
        assertEquals(ParseStatus.BAD_LENGTH, reader.parse(sealed(tooManyRanges)));
        byte[] dataLength = all.get(2).clone();
        dataLength[20 + 9] = 6;
        assertEquals(ParseStatus.BAD_LENGTH, reader.parse(sealed(dataLength)));
        assertEquals(RudpWire.NO_CONNECTION, RudpWire.connectionIdOf(ByteBuffer.wrap(new byte[] {0x52, 0x55})));
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(1);
        int ok = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] d = new byte[random.nextInt(200)];
            random.nextBytes(d);
            if (d.length >= 4 && random.nextBoolean()) {
                d[0] = 0x52; // get past magic, version and CRC to fuzz the bodies
                d[1] = 0x55;
                d[2] = 1;
                d[3] = (byte) random.nextInt(9);
                sealed(d);
            }
            ParseStatus status = reader.parse(ByteBuffer.wrap(d));
            ok += status == ParseStatus.OK ? 1 : 0;
            RudpWire.connectionIdOf(ByteBuffer.wrap(d));
        }
        assertTrue(ok < 2_000, "most garbage is refused: " + ok);
    }

    @Test
    void endpointsSurviveGarbage() {
        Transfer t = Transfer.of(MemoryFile.randomBytes(5000, 1), LinkProfile.clean(1_000_000), 1);
        Random random = new Random(2);
        for (int i = 0; i < 2000; i++) {
            byte[] d = new byte[random.nextInt(100)];
            random.nextBytes(d);
            t.net.sender.onDatagram(ByteBuffer.wrap(d), t.net.now);
            t.net.receiver.onDatagram(ByteBuffer.wrap(d), t.net.now);
        }
        t.run().assertIdentical();
        assertEquals(2000, t.net.sender.stats().droppedDatagrams());
    }

    @Test
    void tokensRoundTripThroughHex() {
        TransferToken token = new TransferToken(0x0123456789abcdefL, -1);
        assertEquals("0123456789abcdefffffffffffffffff", token.toHex());
        assertEquals(token, TransferToken.fromHex(token.toHex()));
        assertFalse(token.toString().contains("0123"));
        assertArrayEquals(new long[] {token.high()}, new long[] {TransferToken.fromHex(token.toHex()).high()});
    }
}
