package dev.chat.client;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The client's one outbound queue and its one writer. Any thread {@linkplain #offer offers} an
 * encoded line and returns at once: the line is queued behind the earlier ones, or refused
 * ({@link Offer#FULL}) when {@code maxFrames} lines or {@code maxBytes} bytes already wait, which
 * happens only when the daemon stops reading. The writer thread (one, running {@link #runWriter()})
 * is the only thread that writes to the stream; it is the one that blocks while the
 * socket's send buffer is full, so no caller ever does.
 *
 * <p>Once the daemon's limits are known ({@link #pace}), the writer writes no faster than the
 * daemon's flood limit allows ({@link Pacer}): lines wait in the queue for their turn, callers still
 * never block.
 *
 * <p>{@link #finish()} lets the writer send what waits and stop; {@link #close()} drops it. A failed
 * write is reported once through {@code onFailure}, on the writer thread; the queue is
 * closed then and refuses every later line.
 */
final class SendQueue {
    private static final System.Logger LOG = System.getLogger(SendQueue.class.getName());

    /** Lines waiting at most: far more than a person types while the daemon is merely slow. */
    static final int MAX_FRAMES = 1024;
    /** Bytes waiting at most: some hundreds of the longest messages. */
    static final long MAX_BYTES = 1L << 20;

    /** What became of an offered line. */
    enum Offer { QUEUED, FULL, CLOSED }

    private enum State { OPEN, FINISHING, CLOSED }

    private final OutputStream out;
    private final int maxFrames;
    private final long maxBytes;
    private final Consumer<IOException> onFailure;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Guarded by {@code lock}, as are the two fields below. */
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long queuedBytes;
    private State state = State.OPEN;
    /** Null until {@link #pace}: the hello goes out before the daemon's limits are known. */
    private Pacer pacer;
    private long written;

    SendQueue(OutputStream out, int maxFrames, long maxBytes, Consumer<IOException> onFailure) {
        if (maxFrames < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("bounds must be positive: " + maxFrames + " frames, " + maxBytes + " bytes");
        }
        this.out = out;
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
        this.onFailure = onFailure;
    }

    /** Queues {@code line} behind the lines offered before it; never blocks. */
    Offer offer(byte[] line) {
        lock.lock();
        try {
            if (state != State.OPEN) {
                return Offer.CLOSED;
            }
            if (queue.size() >= maxFrames || queuedBytes + line.length > maxBytes) {
                return Offer.FULL;
            }
            queue.add(line);
            queuedBytes += line.length;
            changed.signal();
            return Offer.QUEUED;
        } finally {
            lock.unlock();
        }
    }

    /**
     * From now on writes at most what the daemon's token bucket allows; the frames written so far
     * (hellos) count as spent.
     */
    void pace(double ratePerSecond, int burst, java.util.function.LongSupplier nanoClock) {
        lock.lock();
        try {
            pacer = new Pacer(ratePerSecond, burst, written, nanoClock);
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Takes no more lines; the writer writes those waiting, then returns from {@link #runWriter()}. */
    void finish() {
        lock.lock();
        try {
            if (state == State.OPEN) {
                state = State.FINISHING;
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drops what waits and stops the writer after its current write (the caller closes the socket to end that). */
    void close() {
        lock.lock();
        try {
            state = State.CLOSED;
            queue.clear();
            queuedBytes = 0;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Lines waiting now; for tests. */
    int queuedFrames() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** The writer thread's body: writes everything queued, one batch per write, until closed or broken. */
    void runWriter() {
        try {
            for (byte[] batch = takeBatch(); batch != null; batch = takeBatch()) {
                out.write(batch);
                out.flush();
            }
        } catch (IOException e) {
            boolean wasClosed = isClosed();
            close();
            if (!wasClosed) { // a write cut short by close() is no failure
                onFailure.accept(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "client writer failed", e);
            close();
            onFailure.accept(new IOException("writer failed: " + e, e));
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return state == State.CLOSED;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The queued lines the pacer lets go now, joined into one array, waiting while none are queued
     * or none may go yet; null when the writer is to stop.
     */
    private byte[] takeBatch() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                while (queue.isEmpty() && state == State.OPEN) {
                    changed.await();
                }
                if (state == State.CLOSED || queue.isEmpty()) {
                    return null;
                }
                long wait = pacer == null ? 0 : pacer.tryTake();
                if (wait == 0) {
                    return batchOfAllowed();
                }
                changed.awaitNanos(wait);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The head line (its token taken) and as many more as the pacer allows; the lock is held. */
    private byte[] batchOfAllowed() {
        java.util.List<byte[]> lines = new java.util.ArrayList<>();
        lines.add(queue.poll());
        while (!queue.isEmpty() && (pacer == null || pacer.tryTake() == 0)) {
            lines.add(queue.poll());
        }
        int bytes = 0;
        for (byte[] line : lines) {
            bytes += line.length;
        }
        byte[] batch = new byte[bytes];
        int at = 0;
        for (byte[] line : lines) {
            System.arraycopy(line, 0, batch, at, line.length);
            at += line.length;
        }
        queuedBytes -= bytes;
        written += lines.size();
        return batch;
    }
}
