package dev.chat.wire;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.text.TextCodec;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz targets for everything a peer's bytes reach before a frame exists: the line framer, the JSON
 * decoder (both directions) and the text-mode decoder. Whatever the input, the only exception that
 * may escape is the typed {@link ProtocolException} (and {@link EOFException} for a stream that ends
 * mid-line), and the framer never holds more than its documented bound.
 *
 * <p>A normal {@code mvn test} replays the committed seeds in
 * {@code src/test/resources/dev/chat/wire/FrameDecoderFuzzTestInputs/<method>/}; {@code scripts/fuzz}
 * runs a target in fuzzing mode ({@code JAZZER_FUZZ=1}).
 */
final class FrameDecoderFuzzTest {
    private static final TextCodec TEXT = new TextCodec(ZoneOffset.UTC);

    /**
     * A stream cut into reads of fuzzed sizes, framed with a fuzzed (small, so reachable) limit:
     * every line is within the limit, the buffer within max(initial, limit + 2), and every line
     * then goes through all three decoders.
     */
    @FuzzTest(maxDuration = "10m")
    void framerAndDecodersOnlyFailWithTypedErrors(FuzzedDataProvider data) throws IOException {
        int limit = data.consumeInt(1, 2048);
        int maxRead = data.consumeInt(1, 512);
        byte[] stream = data.consumeRemainingAsBytes();
        LineFramer framer = new LineFramer(new ChoppedStream(stream, maxRead), limit);
        int bound = Math.max(1024, limit + 2);
        try {
            for (ByteBuffer line; (line = framer.nextLine()) != null; ) {
                assertTrue(line.remaining() <= limit, "a line of " + line.remaining() + " bytes passed limit " + limit);
                assertTrue(framer.bufferCapacity() <= bound, "buffer " + framer.bufferCapacity() + " > " + bound);
                decodeEveryWay(line);
            }
        } catch (ProtocolException e) {
            assertEquals(ErrorCode.LINE_TOO_LONG, e.code(), "the framer's only protocol error");
        } catch (EOFException e) {
            // the stream ended inside a line: documented
        }
        assertTrue(framer.bufferCapacity() <= bound, "buffer " + framer.bufferCapacity() + " > " + bound);
    }

    /**
     * One line straight into the JSON decoder; a line that decodes as a client frame encodes and
     * decodes back to the same frame (nothing the decoder accepts is lost or altered).
     */
    @FuzzTest(maxDuration = "10m")
    void jsonDecoderOnlyFailsWithTypedErrors(byte[] line) {
        ClientFrame frame = null;
        try {
            frame = JsonCodec.instance().decodeClient(ByteBuffer.wrap(line));
        } catch (ProtocolException e) {
            assertDecodeError(e);
        }
        if (frame != null) {
            byte[] again = JsonCodec.instance().encodeFrame(frame);
            assertEquals(frame, JsonCodec.instance().decodeClient(ByteBuffer.wrap(again, 0, again.length - 1)));
        }
        try {
            ServerFrame reply = JsonCodec.instance().decodeServer(ByteBuffer.wrap(line));
            byte[] again = JsonCodec.instance().encodeFrame(reply);
            assertEquals(reply, JsonCodec.instance().decodeServer(ByteBuffer.wrap(again, 0, again.length - 1)));
        } catch (ProtocolException e) {
            assertDecodeError(e);
        }
    }

    /** One line into the text-mode decoder, before and after joining. */
    @FuzzTest(maxDuration = "10m")
    void textDecoderOnlyFailsWithTypedErrors(byte[] line) {
        for (boolean joined : new boolean[] {false, true}) {
            try {
                ClientFrame frame = TEXT.decode(ByteBuffer.wrap(line), joined);
                assertTrue(frame != null, "a frame or an error");
            } catch (ProtocolException e) {
                assertDecodeError(e);
            }
        }
    }

    private static void decodeEveryWay(ByteBuffer line) {
        try {
            JsonCodec.instance().decodeClient(line.duplicate());
        } catch (ProtocolException e) {
            assertDecodeError(e);
        }
        try {
            JsonCodec.instance().decodeServer(line.duplicate());
        } catch (ProtocolException e) {
            assertDecodeError(e);
        }
        for (boolean joined : new boolean[] {false, true}) {
            try {
                TEXT.decode(line.duplicate(), joined);
            } catch (ProtocolException e) {
                assertDecodeError(e);
            }
        }
    }

    /**
     * A decoding error is not the framer's, has a message, and can be sent back as one line: the
     * daemon answers every bad line with an {@code error} frame built from the exception.
     */
    private static void assertDecodeError(ProtocolException e) {
        assertTrue(e.code() != ErrorCode.LINE_TOO_LONG && e.getMessage() != null && !e.getMessage().isEmpty(),
                () -> "unexpected " + e);
        byte[] reply = JsonCodec.instance().encodeFrame(ErrorFrame.of(e));
        assertTrue(reply.length <= 4096, () -> "an error reply of " + reply.length + " bytes echoes the input");
    }

    /** Hands out the bytes in reads of 1..maxRead bytes, varying, like a network does. */
    private static final class ChoppedStream extends InputStream {
        private final byte[] bytes;
        private final int maxRead;
        private int position;

        ChoppedStream(byte[] bytes, int maxRead) {
            this.bytes = bytes;
            this.maxRead = maxRead;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, bytes.length - position), 1 + (position * 31 + maxRead) % maxRead);
            System.arraycopy(bytes, position, b, off, n);
            position += n;
            return n;
        }
    }
}
