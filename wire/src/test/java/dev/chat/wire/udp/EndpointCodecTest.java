package dev.chat.wire.udp;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the daemon's endpoint reads and writes before a transfer has a sender (§16.5). */
final class EndpointCodecTest {
    private final EndpointCodec codec = new EndpointCodec();

    private static ByteBuffer sample(String type) {
        return ByteBuffer.wrap(SampleDatagrams.all().get(type).bytes());
    }

    @Test
    void aValidHandshakeYieldsItsConnectionTokenAndStartAndStaysUnread() {
        ByteBuffer handshake = sample("HANDSHAKE");
        assertEquals(Optional.of(new EndpointCodec.Handshake(77, SampleDatagrams.TOKEN, 4096)),
                codec.handshake(handshake));
        assertEquals(0, handshake.position());
    }

    @Test
    void everyOtherTypeIsNoHandshake() {
        for (String type : SampleDatagrams.all().keySet()) {
            if (!type.equals("HANDSHAKE")) {
                assertEquals(Optional.empty(), codec.handshake(sample(type)), type);
            }
        }
    }

    @Test
    void aTruncatedOrCorruptHandshakeIsNoHandshake() {
        ByteBuffer truncated = sample("HANDSHAKE");
        truncated.limit(truncated.limit() - 1);
        assertEquals(Optional.empty(), codec.handshake(truncated));
        ByteBuffer corrupt = sample("HANDSHAKE");
        corrupt.put(30, (byte) (corrupt.get(30) ^ 1));
        assertEquals(Optional.empty(), codec.handshake(corrupt));
    }

    @Test
    void theResetIsTheGoldenResetWithPacketNumberZero() {
        ByteBuffer out = ByteBuffer.allocate(EndpointCodec.RESET_BYTES);
        codec.reset(out, 77, FailureReason.BAD_TOKEN);
        byte[] written = new byte[out.remaining()];
        out.get(written);
        assertEquals(HexFormat.of().formatHex(SampleDatagrams.all().get("RESET").bytes()),
                HexFormat.of().formatHex(written));
    }
}
