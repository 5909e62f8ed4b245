package dev.chat.daemon;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGTERM and SIGINT: the first starts a graceful stop on a fresh thread, a second one halts the
 * JVM at once with 128 + the signal number.
 *
 * <p>Why handlers rather than a shutdown hook: a hook runs while the JVM is already exiting,
 * alongside java.util.logging's own hook that resets (removes) every log handler, so the last log
 * lines of a stop could be lost, and a second signal cannot be told apart. With handlers the stop
 * runs while the JVM is alive; {@code main} then returns 0 through {@code System.exit}, after the last
 * line is logged. The second signal uses {@link Runtime#halt}, which runs no hooks and so cannot
 * deadlock with a stop in progress. {@code sun.misc.Signal} lives in {@code jdk.unsupported}, present
 * on every JDK 21+. Where a handler cannot be installed (the JVM runs with {@code -Xrs}, or the
 * signal was ignored when the JVM started, as for background jobs of a non-interactive shell) a
 * shutdown hook still stops the server gracefully, with the exit code the JVM chooses.
 */
final class StopSignals {
    private static final System.Logger LOG = System.getLogger(StopSignals.class.getName());

    private final Runnable stop;
    private final AtomicBoolean stopping = new AtomicBoolean();

    private StopSignals(Runnable stop) {
        this.stop = stop;
    }

    /** Installs the handlers (and the fallback hook) that run {@code stop} once. */
    static void install(Runnable stop) {
        StopSignals signals = new StopSignals(stop);
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "chatd-shutdown-hook"));
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signals::received);
            } catch (IllegalArgumentException | LinkageError e) {
                LOG.log(Level.DEBUG, () -> "no SIG" + name + " handler (" + e.getMessage()
                        + "); the JVM's shutdown hook stops the daemon instead");
            }
        }
    }

    private void received(sun.misc.Signal signal) {
        if (stopping.compareAndSet(false, true)) {
            LOG.log(Level.INFO, "SIG" + signal.getName() + ": shutting down (send it again to stop at once)");
            Thread.ofPlatform().name("chatd-stop").start(stop);
            return;
        }
        LOG.log(Level.WARNING, "SIG" + signal.getName() + " again: stopping at once");
        System.err.flush();
        Runtime.getRuntime().halt(128 + signal.getNumber());
    }
}
