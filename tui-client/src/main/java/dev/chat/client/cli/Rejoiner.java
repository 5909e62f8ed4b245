package dev.chat.client.cli;

import dev.chat.client.ChatException;
import dev.chat.client.ChatListener;
import dev.chat.client.ChatSession;
import dev.chat.client.JoinException;
import dev.chat.client.ResumePoint;
import dev.chat.client.tui.Backoff;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.Names;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;

import java.time.Duration;

/**
 * Line mode's join and reconnect: joins once, and after a lost connection (a daemon restart) rejoins
 * under the same name with {@link Backoff}, swapping the new session into the {@link SessionSlot}
 * that the {@link CommandExecutor} talks to, so the prompt, what is typed on it and the current
 * target survive. Attempts are reported once per kind of failure, not once each. A rejoin refused
 * with {@code NAME_TAKEN} keeps trying (the daemon may not have noticed yet that the old session is
 * gone); {@link #rename} tries another name instead, {@link #retryNow} skips the wait. A rejoin
 * under the same name presents the last session's resume point, so the daemon gives the held name
 * back and replays what was missed; after a loss the next join starts with the next server of
 * {@code --server} ({@link Joiner#failover}). A session replaced by a login elsewhere
 * ({@code SESSION_REPLACED}) is not rejoined: that would take the name back from the user's other
 * client.
 * Script mode does not use this: a script fails fast on a lost connection.
 *
 * <p>Threads: {@link #lost} runs on a dead session's reader thread and starts the rejoin loop on
 * a virtual thread; {@link #retryNow}, {@link #rename} and {@link #close} come from the prompt's
 * thread. The lock guards the state below and orders a rejoin against a loss of the new session.
 */
final class Rejoiner implements CommandExecutor.Link {
    /** Joins the daemon as a name (blocking); events of the session go to the listener. */
    interface Joiner {
        /** Joins as {@code name}; {@code resume} is the earlier session's resume point, or null. */
        ChatSession join(String name, ChatListener listener, ResumePoint resume) throws JoinException;

        /** The connection was lost: the next join starts with the next server (one server: no change). */
        default void failover() {
        }

        /** Where joins go now ({@code host:port}), for the reconnect lines. */
        default String server() {
            return "";
        }
    }

    /** How long a rejoin refused for its password waits: until /reconnect or /nick wakes it. */
    private static final Duration UNTIL_ASKED = Duration.ofDays(3650);

    private final Joiner joiner;
    private final ConsoleListener console;
    private final Reporter reporter;
    private final Directory directory;
    private final Object lock = new Object();
    private final Backoff backoff;
    private SessionSlot slot;
    /** The last session that joined: its resume point is what a rejoin under its name presents. */
    private ChatSession last;
    private String name;
    private boolean away;
    private boolean wake;
    private boolean closed;

    Rejoiner(Joiner joiner, ConsoleListener console, Reporter reporter, Directory directory, Backoff backoff) {
        this.joiner = joiner;
        this.console = console;
        this.reporter = reporter;
        this.directory = directory;
        this.backoff = backoff;
    }

    /** The first join: a failure is the caller's (exit 3); the slot is the session from then on. */
    SessionSlot join(String asName) throws JoinException {
        synchronized (lock) { // a loss during the join waits for the slot
            ChatSession first = joiner.join(asName, events(), null);
            last = first;
            name = first.name();
            slot = new SessionSlot(first);
            return slot;
        }
    }

    /** Whether a rejoin is under way. */
    boolean away() {
        synchronized (lock) {
            return away;
        }
    }

    @Override
    public String retryNow() {
        synchronized (lock) {
            if (!away) {
                return "connected: nothing to reconnect";
            }
            wake = true;
            lock.notifyAll();
            return null;
        }
    }

    @Override
    public String rename(String newName) {
        synchronized (lock) {
            if (!away) {
                return "the daemon cannot rename a session: /nick is for a rejoin (a taken name after a reconnect)";
            }
            name = newName;
            wake = true;
            lock.notifyAll();
            return null;
        }
    }

    /** Leaves: stops a rejoin under way, closes the session (its bye), tells the console. */
    void close() {
        boolean wasAway;
        synchronized (lock) {
            closed = true;
            wasAway = away;
            lock.notifyAll();
        }
        if (slot != null) {
            slot.close();
        }
        if (wasAway) {
            console.onDisconnected(null); // no session is left to say it
        }
    }

    private void lost(Throwable cause) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            slot.detach();
            away = true;
            joiner.failover();
            Duration delay = backoff.next();
            reporter.reconnecting(Failure.of(cause), name, delay);
            Thread.ofVirtual().name("chat-rejoin").start(() -> rejoin(delay));
        }
    }

    private void rejoin(Duration firstDelay) {
        Duration delay = firstDelay;
        String reported = null;
        while (true) {
            String as = awaitTurn(delay);
            if (as == null) {
                return;
            }
            try {
                ChatSession session = joiner.join(as, events(), resumePoint(as));
                attach(session);
                return;
            } catch (JoinException e) {
                Failure failure = Failure.of(e);
                if (passwordRefused(e)) {
                    // Another try with the same password cannot succeed and would count against the
                    // account's and this address's login throttle: wait for /reconnect or /nick.
                    reporter.rejoinRefused(failure);
                    reported = null;
                    delay = UNTIL_ASKED;
                    continue;
                }
                synchronized (lock) {
                    delay = backoff.next();
                }
                // One line per kind of failure: a daemon that stays down for a minute is not 20 lines.
                if (!failure.code().equals(reported)) {
                    reported = failure.code();
                    boolean taken = e.code().filter(c -> c == ErrorCode.NAME_TAKEN).isPresent();
                    reporter.rejoinFailed(failure, delay, taken);
                }
            }
        }
    }

    /** The last session's resume point when rejoining under its name, else null. */
    private ResumePoint resumePoint(String as) {
        synchronized (lock) {
            return last != null && Names.key(last.name()).equals(Names.key(as)) ? last.resumePoint().orElse(null) : null;
        }
    }

    /** Waits {@code delay} or until woken; the name to try, or null when closed. */
    private String awaitTurn(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        synchronized (lock) {
            while (!closed && !wake) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            wake = false;
            return closed ? null : name;
        }
    }

    private void attach(ChatSession session) {
        synchronized (lock) {
            if (closed) {
                Thread.ofVirtual().name("chat-leave").start(session::close);
                return;
            }
            away = false;
            last = session;
            name = session.name();
            backoff.reset();
            directory.usersOnline(session.welcome().users());
            reporter.reconnected(session.welcome(), slot.waiting(), joiner.server());
            slot.attach(session);
        }
    }

    /** A refusal the same password meets again: wrong (changed elsewhere), or the account locked. */
    private static boolean passwordRefused(JoinException e) {
        return e.code().filter(c -> c == ErrorCode.WRONG_PASSWORD || c == ErrorCode.ACCOUNT_LOCKED).isPresent();
    }

    /** The daemon ended the session because a login with the account's password took the name over. */
    static boolean replaced(Throwable cause) {
        return cause instanceof ChatException chat && chat.code() == ErrorCode.SESSION_REPLACED;
    }

    /** One session's events: to the console, except a loss, which starts a rejoin. */
    private ChatListener events() {
        return new ChatListener() {
            @Override
            public void onMessage(Message message) {
                console.onMessage(message);
            }

            @Override
            public void onUserJoined(String who) {
                console.onUserJoined(who);
            }

            @Override
            public void onUserLeft(String who, LeaveReason reason) {
                console.onUserLeft(who, reason);
            }

            @Override
            public void onUserAway(String who, String reason) {
                console.onUserAway(who, reason);
            }

            @Override
            public void onShutdown(String message) {
                console.onShutdown(message);
            }

            @Override
            public void onError(ChatException error) {
                console.onError(error);
            }

            @Override
            public void onDisconnected(Throwable cause) {
                if (cause == null || replaced(cause)) {
                    console.onDisconnected(cause); // we left, or our other client took the name: no rejoin
                } else {
                    lost(cause);
                }
            }
        };
    }
}
