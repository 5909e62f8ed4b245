package dev.chat.daemon.store;

import dev.chat.daemon.store.StoreException.Reason;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The only thread that writes the database: it takes writes from a bounded queue and commits them
 * in groups, one transaction (one fsync) per group. A group is whatever queued while the previous
 * commit ran, plus what arrives within {@code commitDelay} of its first write, up to
 * {@code maxBatch} writes. Under load one fsync thus carries many messages; idle, a write waits
 * only {@code commitDelay} plus one commit.
 *
 * <p>Futures complete on this thread only after the commit returned: never before the data is on
 * disk. Their callbacks must not block (hand slow work to another thread). A write that fails on its
 * own (a duplicate id) fails only its future; a failure of the database rolls the whole group back
 * and fails every future in it.
 *
 * <p>Threads: {@link #submit} from any thread; everything else on the writer thread.
 */
final class GroupCommitWriter implements AutoCloseable {
    /**
     * One write, run inside a group's transaction. It must check what can fail on its own before its
     * first change, or make only one change (an insert whose constraint fails changes nothing),
     * because a group has no savepoint per write.
     */
    @FunctionalInterface
    interface Write<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Runs between groups on the writer thread (background pruning); true if it wants to run again soon. */
    @FunctionalInterface
    interface Housekeeping {
        boolean run(Connection connection) throws SQLException;
    }

    private static final System.Logger LOG = System.getLogger(GroupCommitWriter.class.getName());
    private static final Pending<Void> WAKE_UP = new Pending<>(c -> null);

    private final Connection connection;
    private final ArrayBlockingQueue<Pending<?>> queue;
    private final int maxBatch;
    private final long commitDelayNanos;
    private final long housekeepingNanos;
    private final Housekeeping housekeeping;
    private final CommitListener listener;
    private final ReentrantLock submitLock = new ReentrantLock();
    private final Thread thread;
    private boolean closed; // guarded by submitLock

    GroupCommitWriter(Connection connection, StoreSettings settings, Housekeeping housekeeping,
                      CommitListener listener) throws SQLException {
        this.connection = connection;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.maxBatch = settings.maxBatch();
        this.commitDelayNanos = settings.commitDelay().toNanos();
        this.housekeepingNanos = settings.pruneInterval().toNanos();
        this.housekeeping = housekeeping;
        this.listener = listener;
        connection.setAutoCommit(false);
        this.thread = Thread.ofPlatform().name("chatd-store-writer").daemon(true).unstarted(this::run);
        thread.start();
    }

    /**
     * Queues {@code write}; the future completes after its group committed.
     *
     * @throws StoreException {@link Reason#OVERLOADED} when the queue is full
     */
    <T> CompletableFuture<T> submit(Write<T> write) {
        Pending<T> pending = new Pending<>(write);
        submitLock.lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new StoreException(Reason.CLOSED, "the store is closed"));
            }
            if (!queue.offer(pending)) {
                throw new StoreException(Reason.OVERLOADED, "the store's write queue is full ("
                        + (queue.size() + queue.remainingCapacity()) + " writes)");
            }
        } finally {
            submitLock.unlock();
        }
        return pending.future;
    }

    /** Commits everything queued so far, then closes the connection. */
    @Override
    public void close() {
        submitLock.lock();
        try {
            closed = true;
        } finally {
            submitLock.unlock();
        }
        try {
            // Behind every queued write; a full queue drains within a few commits.
            while (thread.isAlive() && !queue.offer(WAKE_UP, 10, TimeUnit.MILLISECONDS)) {
                Thread.onSpinWait();
            }
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Pending<?>> group = new ArrayList<>(maxBatch);
        long nextHousekeeping = System.nanoTime() + housekeepingNanos;
        try {
            while (true) {
                long wait = Math.max(0, nextHousekeeping - System.nanoTime());
                Pending<?> first = queue.poll(wait, TimeUnit.NANOSECONDS);
                if (first != null && first != WAKE_UP) {
                    group.add(first);
                    gather(group);
                    commit(group);
                    group.clear();
                } else if (first == WAKE_UP && isClosed() && queue.isEmpty()) {
                    break;
                }
                if (System.nanoTime() - nextHousekeeping >= 0) {
                    nextHousekeeping = System.nanoTime() + (housekeep() ? 0 : housekeepingNanos);
                }
            }
        } catch (InterruptedException e) {
            LOG.log(System.Logger.Level.WARNING, "store writer interrupted; failing what is queued");
        } finally {
            closeConnection();
            failAll(new ArrayList<>(queue), new StoreException(Reason.CLOSED, "the store is closed"));
        }
    }

    private boolean isClosed() {
        submitLock.lock();
        try {
            return closed;
        } finally {
            submitLock.unlock();
        }
    }

    /** Adds what is queued, then what arrives within the commit delay, up to the batch size. */
    private void gather(List<Pending<?>> group) throws InterruptedException {
        long deadline = System.nanoTime() + commitDelayNanos;
        while (group.size() < maxBatch) {
            queue.drainTo(group, maxBatch - group.size());
            long left = deadline - System.nanoTime();
            if (group.size() >= maxBatch || left <= 0) {
                break;
            }
            Pending<?> next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            group.add(next);
        }
        if (group.remove(WAKE_UP)) {
            queue.offer(WAKE_UP); // the loop must still see it once the queue is empty
        }
    }

    private void commit(List<Pending<?>> group) {
        try {
            for (Pending<?> pending : group) {
                pending.apply(connection);
            }
            long start = System.nanoTime();
            connection.commit();
            listener.committed(group.size(), System.nanoTime() - start);
        } catch (SQLException | RuntimeException e) {
            rollback();
            failAll(group, new StoreException(Reason.FAILED, "the database failed: " + e.getMessage(), e));
            return;
        }
        for (Pending<?> pending : group) {
            pending.complete();
        }
    }

    private boolean housekeep() {
        try {
            boolean again = housekeeping.run(connection);
            connection.commit();
            return again;
        } catch (SQLException | RuntimeException e) {
            rollback();
            LOG.log(System.Logger.Level.WARNING, "store housekeeping failed: " + e);
            return false;
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "store rollback failed: " + e);
        }
    }

    private void closeConnection() {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the store's writer connection failed: " + e);
        }
    }

    private static void failAll(List<Pending<?>> group, StoreException failure) {
        for (Pending<?> pending : group) {
            pending.future.completeExceptionally(failure);
        }
    }

    /** A queued write and, once applied, its result or its own failure (completed after the commit). */
    private static final class Pending<T> {
        final Write<T> write;
        final CompletableFuture<T> future = new CompletableFuture<>();
        private T result;
        private StoreException failure;

        Pending(Write<T> write) {
            this.write = write;
        }

        void apply(Connection connection) throws SQLException {
            try {
                result = write.apply(connection);
            } catch (StoreException e) {
                failure = e;
            }
        }

        void complete() {
            if (failure != null) {
                future.completeExceptionally(failure);
            } else {
                future.complete(result);
            }
        }
    }
}
