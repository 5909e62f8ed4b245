package dev.chat.client.tui;

import dev.chat.client.ChatException;
import dev.chat.client.ChatListener;
import dev.chat.client.ChatSession;
import dev.chat.client.JoinException;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Owns the session: joins (on a virtual thread, since joining blocks), relays the library's events
 * to the GUI thread, and after a lost connection rejoins under the same name with {@link Backoff},
 * starting with the next server when there are several ({@link Connector#failover}). A rejoin
 * refused for its password is not retried (each try would count against the account's throttle).
 *
 * <p>Threads: public methods are called on the GUI thread. Join attempts run on virtual threads,
 * the library calls {@link Events} on its reader thread, reconnect delays run on {@code timers};
 * each of them only posts to {@code gui}. A session's events carry its generation, so a late event
 * of a replaced session is dropped.
 */
final class Connection {
    /** What the connection tells the UI; every call arrives on the GUI thread. */
    interface Ui {
        void joined(ChatSession session, boolean rejoin);

        /** {@code e} is a {@link JoinException}, or an unexpected failure of the attempt. */
        void joinFailed(Exception e);

        /**
         * A rejoin as {@code name} was refused for its password (wrong, changed elsewhere, or the
         * account locked): no retry is scheduled; the UI asks for it as at the first join.
         */
        void rejoinRefused(String name, Exception e);

        /**
         * A login with the account's password elsewhere took the name over: no rejoin is scheduled
         * (it would take the name back from the user's other client); {@link #retryNow} does.
         */
        void replaced(Throwable cause);

        /** Lost and a rejoin is scheduled after {@code delay}. */
        void lost(Throwable cause, Duration delay);

        void retrying(Duration delay, Exception lastFailure);

        /** The wait before the next attempt has {@code left} to go (once a second). */
        void countdown(Duration left);

        void message(Message message);

        void userJoined(String name);

        void userLeft(String name, LeaveReason reason);

        /** {@code name} is away with {@code reason}, or back when it is null. */
        void userAway(String name, String reason);

        void shutdown(String message);

        void error(ChatException error);
    }

    private final Connector connector;
    private final Executor gui;
    private final ScheduledExecutorService timers;
    private final Backoff backoff;
    private final Ui ui;
    private ChatSession session;
    private String name;
    private int generation;
    /** A rejoin is scheduled (not running): {@link #retryNow} may start it early. */
    private boolean waiting;
    /** The generation whose join the UI has been told of; events of a later one wait in {@link #early}. */
    private int joinedGeneration;
    /**
     * Events that arrived between the welcome and the UI hearing of the join (the reader thread
     * starts inside the join): run after {@link Ui#joined}, so that a user who joined meanwhile is
     * not wiped by the welcome's older user list.
     */
    private final java.util.List<Runnable> early = new java.util.ArrayList<>();
    private volatile boolean closed;

    Connection(Connector connector, Executor gui, ScheduledExecutorService timers, Backoff backoff, Ui ui) {
        this.connector = connector;
        this.gui = gui;
        this.timers = timers;
        this.backoff = backoff;
        this.ui = ui;
    }

    /** The joined session, or null while not connected. */
    ChatSession session() {
        return session;
    }

    String address() {
        return connector.address();
    }

    /** First join (from the dialog or --name); failures go to {@link Ui#joinFailed}. */
    void join(String asName) {
        attempt(asName, false);
    }

    /** Joins as {@code asName} sending {@code password} (the password dialog's answer); so do later rejoins. */
    void joinWithPassword(String asName, String password) {
        connector.usePassword(password);
        attempt(asName, false);
    }

    /** Rejoins from now on send {@code password}: the one {@code /register} or {@code /password} just set. */
    void usePassword(String password) {
        connector.usePassword(password);
    }

    /**
     * {@code /reconnect} (or F5): while a rejoin waits, starts it now; false when none waits
     * (connected, or an attempt is running).
     */
    boolean retryNow() {
        if (!waiting || closed) {
            return false;
        }
        attempt(name, true);
        return true;
    }

    /**
     * {@code /nick NAME}: the daemon cannot rename a session, so this rejoins under {@code newName}
     * while the connection is down (a rejoin refused with NAME_TAKEN); false while connected.
     */
    boolean rename(String newName) {
        if (session != null || closed) {
            return false;
        }
        name = newName;
        attempt(newName, true);
        return true;
    }

    private void attempt(String asName, boolean rejoin) {
        waiting = false;
        int gen = ++generation;
        early.clear();
        Thread.ofVirtual().name("chat-join").start(() -> {
            try {
                ChatSession joined = connector.join(asName, new Events(gen));
                if (closed) {
                    joined.close(); // the client ended while this attempt ran
                    return;
                }
                gui.execute(() -> onJoined(gen, joined, rejoin));
            } catch (JoinException | RuntimeException e) {
                gui.execute(() -> onFailed(gen, asName, e, rejoin));
            }
        });
    }

    private void onJoined(int gen, ChatSession joined, boolean rejoin) {
        if (gen != generation || closed) {
            // close() waits for the daemon's bye: not on the GUI thread.
            Thread.ofVirtual().name("chat-leave").start(joined::close);
            return;
        }
        session = joined;
        name = joined.name();
        backoff.reset();
        joinedGeneration = gen;
        ui.joined(joined, rejoin);
        early.forEach(Runnable::run);
        early.clear();
    }

    private void onFailed(int gen, String asName, Exception e, boolean rejoin) {
        if (gen != generation || closed) {
            return;
        }
        if (rejoin && passwordRefused(e)) {
            ui.rejoinRefused(asName, e);
        } else if (rejoin) {
            Duration delay = backoff.next();
            ui.retrying(delay, e);
            schedule(asName, delay);
        } else {
            ui.joinFailed(e);
        }
    }

    private void onLost(int gen, Throwable cause) {
        if (gen != generation || closed) {
            return;
        }
        session = null;
        if (cause instanceof ChatException chat && chat.code() == ErrorCode.SESSION_REPLACED) {
            waiting = true; // only /reconnect or F5 rejoins
            ui.replaced(cause);
            return;
        }
        connector.failover();
        Duration delay = backoff.next();
        ui.lost(cause, delay);
        schedule(name, delay);
    }

    /** A refusal that another try with the same password cannot change. */
    private static boolean passwordRefused(Exception e) {
        return e instanceof JoinException join && join.code()
                .filter(c -> c == ErrorCode.PASSWORD_REQUIRED || c == ErrorCode.WRONG_PASSWORD || c == ErrorCode.ACCOUNT_LOCKED)
                .isPresent();
    }

    private void schedule(String asName, Duration delay) {
        int gen = generation;
        waiting = true;
        name = asName;
        timers.schedule(() -> gui.execute(() -> {
            if (gen == generation && !closed) {
                attempt(asName, true);
            }
        }), delay.toMillis(), TimeUnit.MILLISECONDS);
        // The status bar counts down: one tick per whole second left, dropped once the wait is over.
        for (long left = delay.toSeconds() - 1; left >= 1; left--) {
            Duration remaining = Duration.ofSeconds(left);
            timers.schedule(() -> gui.execute(() -> {
                if (gen == generation && waiting && !closed) {
                    ui.countdown(remaining);
                }
            }), delay.minus(remaining).toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Leaves: quit and bye on the open session; blocks up to the library's quit wait. Called once the
     * GUI loop has stopped, from the thread that ends the client.
     */
    void close() {
        closed = true;
        ChatSession last = session; // the GUI loop has stopped: no race on session
        session = null;
        if (last != null) {
            last.close();
        }
        connector.close();
    }

    /** Library events of one session, handed to the GUI thread. */
    private final class Events implements ChatListener {
        private final int gen;

        Events(int gen) {
            this.gen = gen;
        }

        private void post(Runnable r) {
            gui.execute(() -> {
                if (gen != generation) {
                    return;
                }
                if (joinedGeneration == gen) {
                    r.run();
                } else {
                    early.add(r);
                }
            });
        }

        @Override
        public void onMessage(Message message) {
            post(() -> ui.message(message));
        }

        @Override
        public void onUserJoined(String who) {
            post(() -> ui.userJoined(who));
        }

        @Override
        public void onUserLeft(String who, LeaveReason reason) {
            post(() -> ui.userLeft(who, reason));
        }

        @Override
        public void onUserAway(String who, String reason) {
            post(() -> ui.userAway(who, reason));
        }

        @Override
        public void onShutdown(String message) {
            post(() -> ui.shutdown(message));
        }

        @Override
        public void onError(ChatException error) {
            post(() -> ui.error(error));
        }

        @Override
        public void onDisconnected(Throwable cause) {
            if (cause != null) {
                gui.execute(() -> onLost(gen, cause));
            }
        }
    }
}
