package dev.chat.wire.udp;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the daemon's endpoint reads and writes before a transfer has a sender (§16.5, §16.8.2). */
final class EndpointCodecTest {
    private final EndpointCodec codec = new EndpointCodec();

    private static ByteBuffer sample(String type) {
        return ByteBuffer.wrap(SampleDatagrams.all().get(type).bytes());
    }

    @Test
    void anAuthenticHandshakeYieldsItsConnectionStartAndCookieAndStaysSealedForTheSender() {
        ByteBuffer handshake = sample("HANDSHAKE");
        byte[] before = handshake.array().clone();
        EndpointCodec.Handshake h = codec.handshake(handshake, SampleDatagrams.KEYS).orElseThrow();
        assertEquals(77, h.connectionId());
        assertEquals(4096, h.startOffset());
        assertArrayEquals(SampleDatagrams.COOKIE, h.cookie());
        assertEquals(0, handshake.position());
        assertArrayEquals(before, handshake.array(), "opened in a copy");
    }

    @Test
    void aHandshakeBeforeAnyRetryHasNoCookie() {
        ByteBuffer out = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM);
        DatagramWriter.toSender(SampleDatagrams.KEYS).handshake(out, 77, 0, 0, 1 << 20, 1200, 5000, null);
        assertNull(codec.handshake(out, SampleDatagrams.KEYS).orElseThrow().cookie());
    }

    @Test
    void everyOtherTypeIsNoHandshake() {
        for (String type : SampleDatagrams.all().keySet()) {
            if (!type.equals("HANDSHAKE")) {
                assertTrue(codec.handshake(sample(type), SampleDatagrams.KEYS).isEmpty(), type);
            }
        }
    }

    @Test
    void aTruncatedCorruptOrOtherwiseKeyedHandshakeIsNoHandshake() {
        ByteBuffer truncated = sample("HANDSHAKE");
        truncated.limit(truncated.limit() - 1);
        assertTrue(codec.handshake(truncated, SampleDatagrams.KEYS).isEmpty());
        ByteBuffer corrupt = sample("HANDSHAKE");
        corrupt.put(30, (byte) (corrupt.get(30) ^ 1));
        assertTrue(codec.handshake(corrupt, SampleDatagrams.KEYS).isEmpty());
        RudpKeys other = RudpKeys.fromHex(SampleDatagrams.SECRET_HEX.replace('1', '2'), 77);
        assertTrue(codec.handshake(sample("HANDSHAKE"), other).isEmpty());
    }

    @Test
    void theFirstRetryIsTheGoldenRetryAndLaterOnesTakeNewPacketNumbers() {
        ByteBuffer out = ByteBuffer.allocate(EndpointCodec.RETRY_BYTES);
        codec.retry(out, 77, SampleDatagrams.KEYS, SampleDatagrams.COOKIE);
        byte[] written = new byte[out.remaining()];
        out.get(written);
        assertEquals(HexFormat.of().formatHex(SampleDatagrams.all().get("RETRY").bytes()),
                HexFormat.of().formatHex(written));
        codec.retry(out, 77, SampleDatagrams.KEYS, SampleDatagrams.COOKIE);
        assertEquals(1, out.getLong(12), "a RETRY nonce is never reused");
    }

    @Test
    void aRetryIsSmallerThanTheHandshakeThatEarnsIt() {
        assertTrue(EndpointCodec.RETRY_BYTES < EndpointCodec.HANDSHAKE_BYTES);
    }
}
