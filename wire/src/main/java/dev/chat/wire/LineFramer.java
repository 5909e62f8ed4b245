package dev.chat.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Splits a byte stream into {@code \n}-terminated lines of at most {@link #maxLineBytes()} bytes.
 *
 * <p>Two lines that arrive in one read are two lines; a line split over many reads is one. The
 * buffer starts small and grows only as a long line needs it, never past the limit plus one read,
 * so an idle connection costs about a kilobyte and a hostile one at most the limit. A line that
 * passes the limit fails as soon as the limit is passed, without waiting for its end.
 *
 * <p>Not thread-safe: one reader thread owns it.
 */
public final class LineFramer {
    private static final int INITIAL_CAPACITY = 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private byte[] buf = new byte[INITIAL_CAPACITY];
    /** Bytes [start, end) are read but not yet returned; [start, scanned) hold no newline. */
    private int start;
    private int scanned;
    private int end;

    public LineFramer(InputStream in) {
        this(in, Limits.MAX_LINE_BYTES);
    }

    public LineFramer(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    public int maxLineBytes() {
        return maxLineBytes;
    }

    /**
     * Returns the next line without its {@code \n} (and without one {@code \r} before it), as a
     * view that stays valid until the next call; {@code null} at a clean end of stream.
     *
     * @throws ProtocolException {@link ErrorCode#LINE_TOO_LONG} once a line passes the limit
     * @throws EOFException when the stream ends in the middle of a line
     * @throws IOException from the stream; a read timeout leaves the framer usable
     */
    public ByteBuffer nextLine() throws IOException {
        if (start == end) {
            start = 0;
            end = 0;
            scanned = 0;
            if (buf.length > INITIAL_CAPACITY) {
                buf = new byte[INITIAL_CAPACITY]; // give back what one long line needed
            }
        }
        while (true) {
            int newline = indexOfNewline();
            if (newline >= 0) {
                int lineStart = start;
                int length = newline - lineStart;
                start = newline + 1;
                scanned = start;
                if (length > maxLineBytes + 1 || (length == maxLineBytes + 1 && buf[newline - 1] != '\r')) {
                    throw tooLong();
                }
                if (length > 0 && buf[newline - 1] == '\r') {
                    length--;
                }
                return ByteBuffer.wrap(buf, lineStart, length).slice();
            }
            if (end - start > maxLineBytes + 1) {
                throw tooLong();
            }
            if (!fill()) {
                if (end > start) {
                    throw new EOFException("stream ended in the middle of a line");
                }
                return null;
            }
        }
    }

    /** The buffer's size now; the fuzz tests assert it never passes the documented bound. */
    int bufferCapacity() {
        return buf.length;
    }

    /** Bytes read ahead of the last returned line, for handing the stream over to another reader. */
    public byte[] buffered() {
        return Arrays.copyOfRange(buf, start, end);
    }

    private int indexOfNewline() {
        for (int i = scanned; i < end; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        scanned = end;
        return -1;
    }

    /** Reads more bytes, compacting or growing the buffer first; false at end of stream. */
    private boolean fill() throws IOException {
        if (end == buf.length) {
            makeRoom();
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            return false;
        }
        end += n;
        return true;
    }

    private void makeRoom() {
        int pending = end - start;
        if (start > 0 && pending < buf.length / 2) {
            System.arraycopy(buf, start, buf, 0, pending);
        } else {
            // Room for the limit, the optional '\r' and the '\n' is all a legal line can need.
            int capacity = Math.min(Math.max(buf.length * 2, INITIAL_CAPACITY), maxLineBytes + 2);
            byte[] bigger = new byte[Math.max(capacity, pending + 1)];
            System.arraycopy(buf, start, bigger, 0, pending);
            buf = bigger;
        }
        scanned -= start;
        start = 0;
        end = pending;
    }

    private ProtocolException tooLong() {
        return new ProtocolException(ErrorCode.LINE_TOO_LONG,
                "a line may hold at most " + maxLineBytes + " bytes");
    }
}
