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
import java.util.function.LongSupplier;

/**
 * One connection's outbound path: its own queue (replies, private messages, pages), its reader of
 * the {@link RoomLog} (joins, leaves, broadcasts), and the writer that merges both onto the socket.
 * The writer thread ({@link #runWriter()}, one per connection) is the only one that writes to the
 * socket; it writes each batch as one write.
 *
 * <p>Order: a queued frame carries the room's head at the time it was queued, and the writer sends
 * every room event up to that point before it, which gives PROTOCOL.md section 13 (a private
 * message from X never overtakes X's join, a leave never overtakes X's last message).
 *
 * <p>Bounds ({@link DeliveryLimits}): {@link #deliver} never blocks, and one frame over the hard
 * bound kicks the connection (these are the client's own replies: it is the one not reading).
 * {@link #deliverPaced} waits while the queue is over the soft bound or the daemon over its memory
 * budget, so senders slow down before a reader is kicked; a reader is kicked only when it keeps a
 * sender waiting for the whole stall timeout, or its writer makes no progress for that long
 * ({@link #stalled}).
 *
 * <p>A failure is reported once through {@code onFailure}: {@link LeaveReason#KICKED_SEND_QUEUE_FULL}
 * (on a fresh virtual thread, because the caller may hold the registry lock), or
 * {@link LeaveReason#CONNECTION_LOST} on the writer thread when a write fails.
 */
final class Outbox implements Peer, RoomLog.Wakeable {
    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());

    private enum State { OPEN, FINISHING, CLOSED }

    /** Where the connection stands with the room. */
    private enum RoomState { OUTSIDE, ENTERING, INSIDE, LEFT }

    /** A queued line and the room head when it was queued: it follows every room event up to there. */
    private record Item(byte[] line, long after) {
    }

    /** A queue this short means the writer keeps up: droppable frames are still worth sending. */
    static final int QUIET_FRAMES = 16;
    static final long QUIET_BYTES = 16 * 1024;
    /** A batch stops growing at this size (one longer line still goes whole). */
    static final int BATCH_BYTES = 64 * 1024;
    private static final long PACED_POLL_NANOS = 10_000_000;

    private final OutboundLines encoder;
    private final OutputStream out;
    private final RoomLog room;
    private final DeliveryLimits limits;
    private final MemoryBudget budget;
    private final Consumer<LeaveReason> onFailure;
    private final LongSupplier nanoClock;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the writer has something to do. */
    private final Condition work = lock.newCondition();
    /** Signalled when the writer has made room in the queue for paced senders. */
    private final Condition space = lock.newCondition();
    private final CountDownLatch writerDone = new CountDownLatch(1);
    private final AtomicBoolean reported = new AtomicBoolean();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    // Guarded by lock:
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private long queuedBytes;
    private State state = State.OPEN;
    private RoomState roomState = RoomState.OUTSIDE;
    private RoomLog.Reader reader;
    private int pacedWaiters;
    /** The writer waits for work: whatever is queued now has only just woken it, so it is no stall. */
    private boolean writerWaiting;
    /** When the writer last finished a write or woke from idle; read by the watchdog. */
    private volatile long lastProgress;

    Outbox(SessionCodec codec, OutputStream out, RoomLog room, DeliveryLimits limits, MemoryBudget budget,
           Consumer<LeaveReason> onFailure, LongSupplier nanoClock) {
        this.encoder = new OutboundLines(codec);
        this.out = out;
        this.room = room;
        this.limits = limits;
        this.budget = budget;
        this.onFailure = onFailure;
        this.nanoClock = nanoClock;
        this.lastProgress = nanoClock.getAsLong();
    }

    @Override
    public boolean deliver(ServerFrame frame) {
        return deliverAll(List.of(frame));
    }

    @Override
    public boolean deliverAll(List<? extends ServerFrame> frames) {
        List<byte[]> lines = encoder.encodeAll(frames);
        lock.lock();
        try {
            if (state != State.OPEN) {
                return false;
            }
            long bytes = OutboundLines.sizeOf(lines);
            if (queue.size() + lines.size() > limits.queueFrames() || queuedBytes + bytes > limits.queueBytes()) {
                kickLocked();
                return false;
            }
            queueLocked(lines, bytes);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean deliverPaced(ServerFrame frame) throws InterruptedException {
        byte[] line = encoder.encode(frame);
        if (line == null) {
            return true;
        }
        lock.lock();
        try {
            if (!awaitSpaceLocked(line.length) || queue.size() + 1 > limits.queueFrames()) {
                return false;
            }
            queueLocked(List.of(line), line.length);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitSpace(int bytes) throws InterruptedException {
        lock.lock();
        try {
            return awaitSpaceLocked(bytes);
        } finally {
            lock.unlock();
        }
    }

    /** Waits while over the soft bound or the memory budget; kicks a reader that keeps the caller waiting too long. */
    private boolean awaitSpaceLocked(int bytes) throws InterruptedException {
        long waitedSince = nanoClock.getAsLong();
        pacedWaiters++;
        try {
            while (state == State.OPEN && mustWait(bytes)) {
                long now = nanoClock.getAsLong();
                if (queuedBytes + bytes > limits.softQueueBytes()
                        && now - waitedSince >= limits.stallTimeout().toNanos()) {
                    LOG.log(Level.DEBUG, "a sender waited " + limits.stallTimeout() + " for a reader: kicked");
                    kickLocked();
                    return false;
                }
                space.await(PACED_POLL_NANOS, TimeUnit.NANOSECONDS);
            }
        } finally {
            pacedWaiters--;
        }
        return state == State.OPEN;
    }

    private boolean mustWait(int bytes) {
        return (queuedBytes > 0 && queuedBytes + bytes > limits.softQueueBytes()) || budget.over();
    }

    /**
     * Queues a frame that may be lost, such as a {@code transfer_stats} event: only while the queue
     * is short (under {@link #QUIET_FRAMES} lines and {@link #QUIET_BYTES} bytes, and under half of
     * each bound). Otherwise the writer is behind, the frame would be stale on arrival, and it is
     * dropped; it never counts toward a kick. Returns false when dropped.
     */
    boolean deliverIfQuiet(ServerFrame frame) {
        byte[] line = encoder.encode(frame);
        if (line == null) {
            return true;
        }
        lock.lock();
        try {
            if (state != State.OPEN || queue.size() >= Math.min(QUIET_FRAMES, limits.queueFrames() / 2)
                    || queuedBytes + line.length > Math.min(QUIET_BYTES, limits.queueBytes() / 2)) {
                return false;
            }
            queueLocked(List.of(line), line.length);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void enterRoom(RoomLog.Reader roomReader) {
        lock.lock();
        try {
            reader = roomReader;
            roomState = RoomState.ENTERING;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void openRoom(List<? extends ServerFrame> welcome) {
        List<byte[]> lines = encoder.encodeAll(welcome);
        lock.lock();
        try {
            if (roomState != RoomState.ENTERING) {
                return; // left (or was kicked) before the welcome was ready
            }
            long entry = reader.firstSeq() - 1;
            List<Item> later = new ArrayList<>();
            while (!queue.isEmpty() && queue.peekLast().after() >= entry) {
                later.add(0, queue.pollLast());
            }
            long bytes = OutboundLines.sizeOf(lines);
            for (byte[] line : lines) {
                queue.add(new Item(line, entry));
            }
            queue.addAll(later);
            queuedBytes += bytes; // the welcome is the daemon's own bounded answer: never a kick
            budget.add(bytes);
            roomState = RoomState.INSIDE;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void leaveRoom() {
        lock.lock();
        try {
            if (reader != null) {
                reader.close();
                reader = null;
            }
            roomState = RoomState.LEFT;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The room has a new event: called by the appender once per request. */
    @Override
    public void wake() {
        wakeRequested.set(false);
        lock.lock();
        try {
            work.signal();
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
                work.signal();
                space.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drops what is queued and stops the writer after its current write. */
    void abort() {
        lock.lock();
        try {
            closeLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the writer has stopped; true if it did in time (or never ran and was aborted). */
    boolean awaitWriter(Duration timeout) throws InterruptedException {
        return writerDone.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Frames queued now (room events not counted); for tests and diagnostics. */
    int queuedFrames() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * True when frames are waiting and the writer has made no progress for {@code timeout}: the
     * peer is not reading. Called by the server's watchdog.
     */
    boolean stalled(long now, Duration timeout) {
        if (now - lastProgress < timeout.toNanos()) {
            return false;
        }
        lock.lock();
        try {
            if (writerWaiting) {
                return false; // woken, not yet run: its idle time must not count as a stall
            }
            return state != State.CLOSED && (!queue.isEmpty() || (roomState == RoomState.INSIDE && reader.hasNext()));
        } finally {
            lock.unlock();
        }
    }

    /** Kicks this connection for not reading (the watchdog's verdict). */
    void kickForStall() {
        lock.lock();
        try {
            if (state != State.CLOSED) {
                kickLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The writer thread's body: writes batches until finished, aborted or broken. */
    void runWriter() {
        List<byte[]> batch = new ArrayList<>();
        try {
            while (takeBatch(batch)) {
                out.write(batch.size() == 1 ? batch.get(0) : OutboundLines.joined(batch));
                out.flush();
                batch.clear();
                lastProgress = nanoClock.getAsLong();
                signalSpace();
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

    /** Fills {@code batch}, waiting while there is nothing to send; false when the writer is to stop. */
    private boolean takeBatch(List<byte[]> batch) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (state == State.CLOSED) {
                    return false;
                }
                collectLocked(batch);
                if (!batch.isEmpty()) {
                    return true;
                }
                if (state == State.FINISHING) {
                    return false;
                }
                if (roomState == RoomState.INSIDE && wakeRequested.compareAndSet(false, true)) {
                    room.wakeOnAppend(this);
                    if (reader.hasNext()) {
                        continue; // an event came in before the request was registered
                    }
                }
                writerWaiting = true;
                try {
                    work.await();
                } finally {
                    writerWaiting = false;
                }
                lastProgress = nanoClock.getAsLong(); // idle is not a stall
            }
        } finally {
            lock.unlock();
        }
    }

    /** Moves queued lines and room events into {@code batch} in the order section 13 requires. */
    private void collectLocked(List<byte[]> batch) {
        long bytes = 0;
        while (bytes < BATCH_BYTES) {
            Item item = queue.peek();
            byte[] line;
            if (roomState == RoomState.INSIDE && (item == null || item.after() > reader.cursor())) {
                RoomLog.Event event = reader.next();
                if (event == null) {
                    if (item == null) {
                        return;
                    }
                    line = take();
                } else {
                    line = event.from() == this ? null : encoder.encodeShared(event.frame());
                }
            } else if (item != null && (roomState != RoomState.ENTERING || item.after() < reader.firstSeq() - 1)) {
                line = take();
            } else {
                return;
            }
            if (line != null) {
                batch.add(line);
                bytes += line.length;
            }
        }
    }

    private byte[] take() {
        Item item = queue.poll();
        queuedBytes -= item.line().length;
        budget.release(item.line().length);
        return item.line();
    }

    private void signalSpace() {
        lock.lock();
        try {
            if (pacedWaiters > 0) {
                space.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void queueLocked(List<byte[]> lines, long bytes) {
        long after = room.head();
        for (byte[] line : lines) { // not addAll: each line becomes an item
            queue.add(new Item(line, after));
        }
        queuedBytes += bytes;
        budget.add(bytes);
        work.signal();
    }

    private void report(LeaveReason reason) {
        if (reported.compareAndSet(false, true)) {
            onFailure.accept(reason);
        }
    }

    /** Caller holds the lock. Closes, and reports the kick from a fresh thread. */
    private void kickLocked() {
        closeLocked();
        Thread.ofVirtual().name("chatd-kick").start(() -> report(LeaveReason.KICKED_SEND_QUEUE_FULL));
    }

    /** Caller holds the lock. */
    private void closeLocked() {
        state = State.CLOSED;
        budget.release(queuedBytes);
        queue.clear();
        queuedBytes = 0;
        if (reader != null) {
            reader.close();
            reader = null;
            roomState = RoomState.LEFT;
        }
        work.signal();
        space.signalAll();
    }
}
