package dev.chat.daemon;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * A socket's input whose every read times out at the connection's current deadline, not a fixed
 * interval after the last byte: the socket read timeout is recomputed before each read, so a peer
 * that trickles a byte now and then cannot stretch a deadline. Reader thread only.
 */
final class DeadlineInputStream extends FilterInputStream {
    private final Socket socket;
    private final LongUnaryOperator remainingNanos;
    private final LongSupplier nanoClock;
    private int timeoutMillis = -1;
    private ArrivalClock arrivals;

    /** @param remainingNanos from now to the deadline; {@link Deadlines#NONE} for none */
    DeadlineInputStream(Socket socket, InputStream in, LongUnaryOperator remainingNanos, LongSupplier nanoClock) {
        super(in);
        this.socket = socket;
        this.remainingNanos = remainingNanos;
        this.nanoClock = nanoClock;
    }

    /** From now on every read that returns bytes is reported to {@code clock} (reader thread). */
    void reportReadsTo(ArrivalClock clock) {
        arrivals = clock;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        armTimeout();
        int n = in.read(b, off, len);
        if (n > 0 && arrivals != null) {
            arrivals.readReturned(nanoClock.getAsLong(), n == len);
        }
        return n;
    }

    private void armTimeout() throws IOException {
        long remaining = remainingNanos.applyAsLong(nanoClock.getAsLong());
        int millis;
        if (remaining == Deadlines.NONE) {
            millis = 0;
        } else if (remaining <= 0) {
            throw new SocketTimeoutException("deadline passed");
        } else {
            millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining + 999_999)));
        }
        if (millis != timeoutMillis) {
            socket.setSoTimeout(millis);
            timeoutMillis = millis;
        }
    }
}
