package dev.chat.daemon;

import dev.chat.wire.JsonCodec;
import dev.chat.wire.SessionCodec;
import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.UserJoined;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class SharedFrameTest {
    @Test
    void aFrameForManyConnectionsIsEncodedOncePerKindOfCodec() {
        AtomicInteger encodings = new AtomicInteger();
        SharedFrame shared = new SharedFrame(new UserJoined("carol"));
        byte[] first = shared.lineFor(new CountingCodec(encodings));
        for (int i = 0; i < 1000; i++) {
            assertSame(first, shared.lineFor(new CountingCodec(encodings)));
        }
        assertEquals(1, encodings.get());
        assertArrayEquals(JsonCodec.instance().encode(new UserJoined("carol")), shared.lineFor(JsonCodec.instance()));
    }

    @Test
    void aCodecThatShowsNothingForTheFrameGetsNull() {
        SharedFrame shared = new SharedFrame(new UserJoined("carol"));
        assertNull(shared.lineFor(new SilentCodec()));
        assertNull(shared.lineFor(new SilentCodec()));
    }

    private record CountingCodec(AtomicInteger encodings) implements SessionCodec {
        @Override
        public ClientFrame decode(ByteBuffer line, boolean joined) {
            throw new AssertionError("not used");
        }

        @Override
        public byte[] encode(ServerFrame frame) {
            encodings.incrementAndGet();
            return JsonCodec.instance().encode(frame);
        }
    }

    private static final class SilentCodec implements SessionCodec {
        @Override
        public ClientFrame decode(ByteBuffer line, boolean joined) {
            throw new AssertionError("not used");
        }

        @Override
        public byte[] encode(ServerFrame frame) {
            return null;
        }
    }
}
