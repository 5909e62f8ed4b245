package dev.chat.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static dev.chat.wire.Lines.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Line splitting: reads of any size, CRLF, the 64 KiB limit and its cost, end of stream. */
@Timeout(10)
final class LineFramerTest {
    private static final int MAX = Limits.MAX_LINE_BYTES;

    @Test
    void twoLinesInOneReadAreTwoLines() throws IOException {
        LineFramer framer = new LineFramer(new ChunkedStream("one\ntwo\n"));
        assertEquals("one", text(framer.nextLine()));
        assertEquals("two", text(framer.nextLine()));
        assertNull(framer.nextLine());
    }

    @Test
    void oneLineOverManyOneByteReadsIsOneLine() throws IOException {
        SlowStream slow = new SlowStream(bytes("{\"type\":\"ping\",\"id\":1}\nnext\n"));
        LineFramer framer = new LineFramer(slow);
        assertEquals("{\"type\":\"ping\",\"id\":1}", text(framer.nextLine()));
        assertEquals("next", text(framer.nextLine()));
        assertNull(framer.nextLine());
        assertTrue(slow.reads >= 28, "one byte per read");
    }

    @Test
    void crBeforeTheNewlineIsDropped() throws IOException {
        LineFramer framer = new LineFramer(new ChunkedStream("a\r\nb\n\r\n"));
        assertEquals("a", text(framer.nextLine()));
        assertEquals("b", text(framer.nextLine()));
        assertEquals("", text(framer.nextLine()));
        assertNull(framer.nextLine());
    }

    @Test
    void onlyOneCrIsDroppedAndACrInsideALineIsKept() throws IOException {
        LineFramer framer = new LineFramer(new ChunkedStream("a\r\r\n", "x\ry\n"));
        assertEquals("a\r", text(framer.nextLine()));
        assertEquals("x\ry", text(framer.nextLine()));
    }

    @Test
    void emptyLineIsAnEmptyBuffer() throws IOException {
        LineFramer framer = new LineFramer(new ChunkedStream("\n\nz\n"));
        assertEquals(0, framer.nextLine().remaining());
        assertEquals(0, framer.nextLine().remaining());
        assertEquals("z", text(framer.nextLine()));
    }

    @Test
    void lineOfExactlyTheLimitIsReturned() throws IOException {
        LineFramer framer = new LineFramer(new ChunkedStream("a".repeat(MAX) + "\n", "after\n"));
        assertEquals(MAX, framer.nextLine().remaining());
        assertEquals("after", text(framer.nextLine()));
    }

    @Test
    void lineOfExactlyTheLimitArrivingByteByByteIsReturned() throws IOException {
        LineFramer framer = new LineFramer(new SlowStream(bytes("b".repeat(MAX) + "\r\n")));
        assertEquals(MAX, framer.nextLine().remaining());
        assertNull(framer.nextLine());
    }

    @Test
    void lineOfTheLimitPlusCrIsReturnedWithoutTheCr() throws IOException {
        LineFramer framer = new LineFramer(new ChunkedStream("c".repeat(MAX) + "\r\n"));
        ByteBuffer line = framer.nextLine();
        assertEquals(MAX, line.remaining());
        assertEquals('c', line.get(MAX - 1));
    }

    @Test
    void lineOneByteOverTheLimitIsTooLong() {
        LineFramer framer = new LineFramer(new ChunkedStream("a".repeat(MAX + 1) + "\n"));
        assertTooLong(framer);
    }

    @Test
    void lineOneByteOverTheLimitIsTooLongEvenWithCrlf() {
        LineFramer framer = new LineFramer(new ChunkedStream("a".repeat(MAX + 1) + "\r\n"));
        assertTooLong(framer);
    }

    @Test
    void tooLongLineFailsAfterReadingLittleMoreThanTheLimit() {
        CountingStream endless = new CountingStream(10 * 1024 * 1024);
        assertTooLong(new LineFramer(endless));
        assertTrue(endless.count > MAX, "read past the limit: " + endless.count);
        assertTrue(endless.count <= MAX + 2 + 1024, "read only a little past the limit: " + endless.count);
    }

    @Test
    void smallerLimitIsHonoured() throws IOException {
        LineFramer framer = new LineFramer(new ChunkedStream("12345\n123456\n"), 5);
        assertEquals(5, framer.maxLineBytes());
        assertEquals("12345", text(framer.nextLine()));
        ProtocolException e = assertThrows(ProtocolException.class, framer::nextLine);
        Lines.assertError(e, ErrorCode.LINE_TOO_LONG, "a line may hold at most 5 bytes", null);
    }

    @Test
    void endOfStreamInTheMiddleOfALineIsAnEofException() throws IOException {
        LineFramer framer = new LineFramer(new ChunkedStream("whole\n", "{\"type\":\"pi"));
        assertEquals("whole", text(framer.nextLine()));
        EOFException e = assertThrows(EOFException.class, framer::nextLine);
        assertEquals("stream ended in the middle of a line", e.getMessage());
    }

    @Test
    void endOfStreamAfterALoneCrIsAnEofException() {
        LineFramer framer = new LineFramer(new ChunkedStream("\r"));
        assertThrows(EOFException.class, framer::nextLine);
    }

    @Test
    void cleanEndOfStreamIsNullAndStaysNull() throws IOException {
        LineFramer framer = new LineFramer(new ChunkedStream());
        assertNull(framer.nextLine());
        assertNull(framer.nextLine());
    }

    @Test
    void bufferShrinksBackAfterALongLine() throws IOException {
        ChunkedStream stream = new ChunkedStream("L".repeat(60_000) + "\n", "short\n", "x\n");
        LineFramer framer = new LineFramer(stream);
        assertEquals(60_000, framer.nextLine().remaining());
        assertTrue(stream.largestRequest() > 30_000, "grew for the long line: " + stream.requests);
        stream.requests.clear();
        assertEquals("short", text(framer.nextLine()));
        assertEquals("x", text(framer.nextLine()));
        // Reads now ask for at most the initial kilobyte: the long line's buffer was given back.
        assertTrue(stream.largestRequest() <= 1024, "reads after the long line: " + stream.requests);
    }

    @Test
    void bytesAfterALineAreKeptForTheNextCallAndForAHandOver() throws IOException {
        LineFramer framer = new LineFramer(new ChunkedStream("first\nsecond\nthi"));
        assertEquals("first", text(framer.nextLine()));
        assertEquals("second\nthi", new String(framer.buffered(), StandardCharsets.UTF_8));
    }

    @Test
    void readTimeoutLeavesTheFramerUsable() throws IOException {
        ChunkedStream stream = new ChunkedStream("par", null, "tial\n");
        LineFramer framer = new LineFramer(stream);
        assertThrows(java.net.SocketTimeoutException.class, framer::nextLine);
        assertEquals("partial", text(framer.nextLine()));
    }

    private static void assertTooLong(LineFramer framer) {
        ProtocolException e = assertThrows(ProtocolException.class, framer::nextLine);
        Lines.assertError(e, ErrorCode.LINE_TOO_LONG, "a line may hold at most 65536 bytes", null);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Delivers each chunk in reads of its own (a null chunk throws a read timeout) and logs each read's request size. */
    private static final class ChunkedStream extends InputStream {
        private final Deque<byte[]> chunks = new ArrayDeque<>();
        private final List<Integer> requests = new ArrayList<>();
        private ByteArrayInputStream current = new ByteArrayInputStream(new byte[0]);

        ChunkedStream(String... chunks) {
            for (String chunk : chunks) {
                this.chunks.add(chunk == null ? new byte[0] : bytes(chunk));
            }
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("the framer reads in blocks");
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            requests.add(len);
            if (current.available() == 0) {
                if (chunks.isEmpty()) {
                    return -1;
                }
                byte[] next = chunks.poll();
                if (next.length == 0) {
                    throw new java.net.SocketTimeoutException("read timed out");
                }
                current = new ByteArrayInputStream(next);
            }
            return current.read(b, off, len);
        }

        int largestRequest() {
            return requests.stream().mapToInt(Integer::intValue).max().orElse(0);
        }
    }

    /** Gives one byte per read. */
    private static final class SlowStream extends InputStream {
        private final ByteArrayInputStream in;
        private int reads;

        SlowStream(byte[] data) {
            in = new ByteArrayInputStream(data);
        }

        @Override
        public int read() {
            reads++;
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            reads++;
            return in.read(b, off, Math.min(len, 1));
        }
    }

    /** {@code size} bytes of 'x' without a newline, counting what was read. */
    private static final class CountingStream extends InputStream {
        private final long size;
        private long count;

        CountingStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (count >= size) {
                return -1;
            }
            count++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (count >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - count);
            java.util.Arrays.fill(b, off, off + n, (byte) 'x');
            count += n;
            return n;
        }
    }
}
