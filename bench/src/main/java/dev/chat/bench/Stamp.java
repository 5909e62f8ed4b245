package dev.chat.bench;

import java.nio.ByteBuffer;

/**
 * The send time carried in a message's text: {@code ~t<nanoTime>~}. Generator and receivers run
 * in one JVM, so {@link System#nanoTime()} values are comparable. The parser scans raw line bytes
 * (JSON or IRC alike) so that receiving costs the generator as little CPU as possible.
 */
final class Stamp {
    private Stamp() {
    }

    /** A chat text of about 50 bytes, typical of a human line, holding the stamp. */
    static String text(long seq, long nanos) {
        return "load test line " + seq + " from the generator ~t" + nanos + "~";
    }

    /** The stamped nanoTime in {@code line}, or {@link Long#MIN_VALUE} when it holds none. */
    static long find(ByteBuffer line) {
        int end = line.limit();
        for (int i = line.position(); i + 2 < end; i++) {
            if (line.get(i) == '~' && line.get(i + 1) == 't') {
                long value = 0;
                int j = i + 2;
                boolean negative = false;
                if (j < end && line.get(j) == '-') {
                    negative = true;
                    j++;
                }
                int digits = 0;
                for (; j < end; j++) {
                    byte b = line.get(j);
                    if (b == '~') {
                        return digits > 0 ? (negative ? -value : value) : Long.MIN_VALUE;
                    }
                    if (b < '0' || b > '9') {
                        break;
                    }
                    value = value * 10 + (b - '0');
                    digits++;
                }
            }
        }
        return Long.MIN_VALUE;
    }

    static boolean startsWith(ByteBuffer line, byte[] prefix) {
        if (line.remaining() < prefix.length) {
            return false;
        }
        int p = line.position();
        for (int i = 0; i < prefix.length; i++) {
            if (line.get(p + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(ByteBuffer line, byte[] needle) {
        int end = line.limit() - needle.length;
        outer:
        for (int i = line.position(); i <= end; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (line.get(i + k) != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
