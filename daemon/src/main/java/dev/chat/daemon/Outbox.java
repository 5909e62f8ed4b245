package dev.chat.daemon;

import dev.chat.wire.SessionCodec;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.ServerFrame;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One connection's outbound queue and its writer. Frames are encoded by whichever thread delivers
 * them and queued without blocking, up to {@code maxFrames} lines or {@code maxBytes} bytes; one
 * more and the queue is dropped and the connection reported as over its bound. The writer thread
 * ({@link #runWriter()}, one per connection) is the only one that writes to the socket.
 *
 * <p>A failure is reported once through {@code onFailure}: {@link LeaveReason#KICKED_SEND_QUEUE_FULL}
 * after an overflow (on a fresh virtual thread, because the deliverer may hold the registry lock and
 * the writer may be stuck in a write to a peer that does not read), or
 * {@link LeaveReason#CONNECTION_LOST} on the writer thread when a write fails.
 */
final class Outbox implements Peer {
    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());

    private enum State { OPEN, FINISHING, CLOSED }

    /** A queue this short means the writer keeps up: droppable frames are still worth sending. */
    static final int QUIET_FRAMES = 16;
    static final long QUIET_BYTES = 16 * 1024;

    private final SessionCodec codec;
    private final OutputStream out;
    private final int maxFrames;
    private final long maxBytes;
    private final Consumer<LeaveReason> onFailure;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Lines waiting for the writer; guarded by {@code lock}. */
    private ArrayDeque<byte[]> queue = new ArrayDeque<>();
    /** The writer's last batch, emptied by the writer before it takes the next one. */
    private ArrayDeque<byte[]> spare = new ArrayDeque<>();
    private final CountDownLatch writerDone = new CountDownLatch(1);
    private long queuedBytes;
    private State state = State.OPEN;
    private final AtomicBoolean reported = new AtomicBoolean();

    Outbox(SessionCodec codec, OutputStream out, int maxFrames, long maxBytes, Consumer<LeaveReason> onFailure) {
        this.codec = codec;
        this.out = out;
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
        this.onFailure = onFailure;
    }

    @Override
    public boolean deliver(ServerFrame frame) {
        return deliverAll(List.of(frame));
    }

    @Override
    public boolean deliver(SharedFrame frame) {
        byte[] line;
        try {
            line = frame.lineFor(codec);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot encode a " + frame.frame().getClass().getSimpleName() + " frame: " + e);
            return false;
        }
        return line == null || offer(List.of(line), line.length);
    }

    @Override
    public boolean deliverAll(List<? extends ServerFrame> frames) {
        List<byte[]> lines = new ArrayList<>(frames.size());
        long bytes = 0;
        for (ServerFrame frame : frames) {
            byte[] line = encode(frame);
            if (line != null) {
                lines.add(line);
                bytes += line.length;
            }
        }
        return offer(lines, bytes);
    }

    /**
     * Queues a frame that may be lost, such as a {@code transfer_stats} event: only while the queue
     * is short (under {@link #QUIET_FRAMES} lines and {@link #QUIET_BYTES} bytes, and under half of
     * each bound). Otherwise the writer is behind, the frame would be stale on arrival, and it is
     * dropped; it never counts toward a kick. Returns false when dropped.
     */
    boolean deliverIfQuiet(ServerFrame frame) {
        byte[] line = encode(frame);
        if (line == null) {
            return true;
        }
        lock.lock();
        try {
            if (state != State.OPEN || queue.size() >= Math.min(QUIET_FRAMES, maxFrames / 2)
                    || queuedBytes + line.length > Math.min(QUIET_BYTES, maxBytes / 2)) {
                return false;
            }
            queue.add(line);
            queuedBytes += line.length;
            changed.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Queues encoded lines back to back, or kicks the connection when they pass its bound. */
    private boolean offer(List<byte[]> lines, long bytes) {
        lock.lock();
        try {
            if (state != State.OPEN) {
                return false;
            }
            if (queue.size() + lines.size() > maxFrames || queuedBytes + bytes > maxBytes) {
                close();
                Thread.ofVirtual().name("chatd-kick").start(() -> report(LeaveReason.KICKED_SEND_QUEUE_FULL));
                return false;
            }
            for (byte[] line : lines) { // not addAll: it copies the list into an array first
                queue.add(line);
            }
            queuedBytes += bytes;
            changed.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** No more frames: the writer sends what is queued, then stops. */
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

    /** Drops what is queued and stops the writer after its current write. */
    void abort() {
        lock.lock();
        try {
            close();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the writer has stopped; true if it did in time (or never ran and was aborted). */
    boolean awaitWriter(Duration timeout) throws InterruptedException {
        return writerDone.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Frames queued now; for tests and diagnostics. */
    int queuedFrames() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** The writer thread's body: writes batches until finished, aborted or broken. */
    void runWriter() {
        try {
            for (ArrayDeque<byte[]> batch = takeBatch(); batch != null; batch = takeBatch()) {
                out.write(batch.size() == 1 ? batch.poll() : joined(batch));
                out.flush();
            }
        } catch (IOException e) {
            abort();
            report(LeaveReason.CONNECTION_LOST);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
        } finally {
            writerDone.countDown();
        }
    }

    /**
     * Everything queued, waiting while the queue is empty and open; null when the writer is to stop.
     * The queue and the writer's emptied batch swap places, so taking a batch allocates nothing.
     */
    private ArrayDeque<byte[]> takeBatch() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty() && state == State.OPEN) {
                changed.await();
            }
            if (state == State.CLOSED || queue.isEmpty()) {
                return null;
            }
            ArrayDeque<byte[]> batch = queue;
            queue = spare;
            spare = batch;
            queuedBytes = 0;
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The batch's lines as one array, so that a batch is one write: the stream is the socket's own,
     * unbuffered, because a buffer per connection would cost every idle connection its size.
     */
    private static byte[] joined(ArrayDeque<byte[]> batch) {
        int size = 0;
        for (byte[] line : batch) {
            size += line.length;
        }
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] line = batch.poll(); line != null; line = batch.poll()) {
            System.arraycopy(line, 0, all, at, line.length);
            at += line.length;
        }
        return all;
    }

    private void report(LeaveReason reason) {
        if (reported.compareAndSet(false, true)) {
            onFailure.accept(reason);
        }
    }

    /** Caller holds the lock. */
    private void close() {
        state = State.CLOSED;
        queue.clear();
        queuedBytes = 0;
        changed.signal();
    }

    private byte[] encode(ServerFrame frame) {
        try {
            return codec.encode(frame);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot encode a " + frame.getClass().getSimpleName() + " frame: " + e);
            return null;
        }
    }
}
