package dev.chat.daemon;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Wakes the room's parked writers in rounds instead of at every append. A round wakes every writer
 * that asked ({@link #add}); the next round may start only after a gap that grows with how many
 * the last one woke ({@link #GAP_PER_WAKE_NANOS} each, at most {@link #MAX_GAP_NANOS}). Events
 * appended meanwhile wait for that round, so each woken writer sends them in one write: a join
 * storm of N users costs about N rounds' worth of hand-offs per gap rather than N per join, and a
 * single event after a quiet spell is still sent at once.
 *
 * <p>Threads: {@link #appended} is called by the room's appender with the registry's lock held; it
 * never wakes anyone itself, it hands the round to the scheduler, so the lock is held for one
 * append only. {@link #add} is called by writer threads. Rounds run on the scheduler's thread
 * (one per daemon JVM, {@code chatd-room-waker}).
 */
final class WakeRounds {
    /** What a round may cost the carriers per writer it wakes, in gap before the next round. */
    static final long GAP_PER_WAKE_NANOS = 2_000;
    /** The longest an event waits for its round: a bound on the latency the batching adds. */
    static final long MAX_GAP_NANOS = 10_000_000;

    /** Runs {@code round} after {@code delayNanos} (0: as soon as it can) on another thread. */
    interface Scheduler {
        void schedule(Runnable round, long delayNanos);
    }

    private static final ScheduledExecutorService SHARED = sharedScheduler();

    private final Queue<RoomLog.Wakeable> sleepers = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Scheduler scheduler;
    private final LongSupplier nanoClock;
    /** Written by rounds only; read by the appender to time the next round. */
    private volatile long nextRoundAt;

    WakeRounds() {
        this((round, delay) -> SHARED.schedule(round, delay, TimeUnit.NANOSECONDS), System::nanoTime);
    }

    WakeRounds(Scheduler scheduler, LongSupplier nanoClock) {
        this.scheduler = scheduler;
        this.nanoClock = nanoClock;
        this.nextRoundAt = nanoClock.getAsLong();
    }

    /** Asks for {@code sleeper.wake()} in the next round (once). */
    void add(RoomLog.Wakeable sleeper) {
        sleepers.add(sleeper);
    }

    /**
     * An event was published: makes sure a round follows. The caller published the event before
     * calling, so a writer that registers after the round drained the queue sees it itself.
     */
    void appended() {
        if (sleepers.isEmpty() || !pending.compareAndSet(false, true)) {
            return; // nobody parked, or a round is due already and will see this event
        }
        scheduler.schedule(this::round, Math.max(0, nextRoundAt - nanoClock.getAsLong()));
    }

    /** Wakes everyone who asked; returns how many. */
    int round() {
        pending.set(false); // before draining: an append from now on asks for another round
        int woken = 0;
        for (RoomLog.Wakeable sleeper = sleepers.poll(); sleeper != null; sleeper = sleepers.poll()) {
            sleeper.wake();
            woken++;
        }
        // A writer that registers after the drain checks for events itself, so none is missed here.
        nextRoundAt = nanoClock.getAsLong() + Math.min(MAX_GAP_NANOS, woken * GAP_PER_WAKE_NANOS);
        return woken;
    }

    private static ScheduledExecutorService sharedScheduler() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "chatd-room-waker");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
