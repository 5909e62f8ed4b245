package dev.chat.client.cli;

import dev.chat.client.ChatSession;
import dev.chat.client.DisconnectedException;
import dev.chat.client.DownloadException;
import dev.chat.client.DownloadHandle;
import dev.chat.client.DownloadListener;
import dev.chat.client.DownloadProgress;
import dev.chat.client.DownloadResult;
import dev.chat.client.TransferProtocol;
import dev.chat.client.WelcomeInfo;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.Sent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The session line mode talks to, across reconnects: it forwards to the joined session of the
 * moment, which {@link Rejoiner} replaces after a lost connection. While there is none, lines sent
 * wait here (at most {@link #OUTBOX_LIMIT}) and go out in order on the next {@link #attach}, as in
 * the full-screen client; requests that only make sense connected ({@code /users}, {@code /get})
 * fail at once with {@link DisconnectedException}.
 *
 * <p>Threads: any. The lock orders {@link #send} against {@link #attach}'s flush, so a line typed
 * during the flush goes after the queued ones.
 */
final class SessionSlot implements ChatSession {
    static final int OUTBOX_LIMIT = 200;

    private record Waiting(String to, String text, boolean action, CompletableFuture<Sent> sent) {
        CompletableFuture<Sent> sendOn(ChatSession session) {
            return action ? session.sendAction(to, text) : session.send(to, text);
        }
    }

    private final Object lock = new Object();
    private final Deque<Waiting> outbox = new ArrayDeque<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    /** The session lines go to now; null while away. Guarded by {@link #lock}. */
    private ChatSession current;
    /** The last session joined: its welcome and name stay the slot's while away. */
    private volatile ChatSession last;
    private boolean closed;

    SessionSlot(ChatSession first) {
        this.current = Objects.requireNonNull(first, "first");
        this.last = first;
    }

    /** The session was lost: lines wait from now on. */
    void detach() {
        synchronized (lock) {
            current = null;
        }
    }

    /** A rejoined session: the waiting lines go to it, in order, before any new one. */
    void attach(ChatSession session) {
        synchronized (lock) {
            if (closed) {
                session.close();
                return;
            }
            current = session;
            last = session;
            while (!outbox.isEmpty()) {
                Waiting next = outbox.poll();
                forward(next.sendOn(session), next.sent());
            }
        }
    }

    /** Lines waiting for the rejoin. */
    int waiting() {
        synchronized (lock) {
            return outbox.size();
        }
    }

    boolean connected() {
        synchronized (lock) {
            return current != null;
        }
    }

    @Override
    public WelcomeInfo welcome() {
        return last.welcome();
    }

    @Override
    public java.util.Optional<String> tlsFingerprint() {
        return last.tlsFingerprint();
    }

    @Override
    public boolean isOpen() {
        synchronized (lock) {
            return !closed;
        }
    }

    @Override
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    @Override
    public CompletableFuture<Sent> send(String to, String text) {
        return sendOrWait(new Waiting(to, text, false, new CompletableFuture<>()));
    }

    /** An action waits for the rejoin as a line does: it is something typed. */
    @Override
    public CompletableFuture<Sent> sendAction(String to, String text) {
        return sendOrWait(new Waiting(to, text, true, new CompletableFuture<>()));
    }

    /** Away is the session's state, which ends with it: while disconnected there is nothing to mark. */
    @Override
    public CompletableFuture<Void> away(String reason) {
        ChatSession session = currentOrNull();
        return session != null ? session.away(reason) : CompletableFuture.failedFuture(disconnected());
    }

    private CompletableFuture<Sent> sendOrWait(Waiting line) {
        synchronized (lock) {
            if (current != null) {
                return line.sendOn(current);
            }
            if (closed) {
                return CompletableFuture.failedFuture(new DisconnectedException("the client is closed"));
            }
            if (outbox.size() >= OUTBOX_LIMIT) {
                return CompletableFuture.failedFuture(new DisconnectedException(
                        "not connected and " + OUTBOX_LIMIT + " lines already wait for the rejoin"));
            }
            outbox.add(line);
            return line.sent();
        }
    }

    @Override
    public CompletableFuture<List<String>> listUsers() {
        ChatSession session = currentOrNull();
        return session != null ? session.listUsers() : CompletableFuture.failedFuture(disconnected());
    }

    @Override
    public CompletableFuture<List<FileEntry>> listFiles() {
        ChatSession session = currentOrNull();
        return session != null ? session.listFiles() : CompletableFuture.failedFuture(disconnected());
    }

    @Override
    public DownloadHandle download(String fileName, TransferProtocol protocol, Path directory, DownloadListener listener) {
        ChatSession session = currentOrNull();
        return session != null ? session.download(fileName, protocol, directory, listener)
                : new Refused(fileName, protocol);
    }

    @Override
    public CompletableFuture<Duration> ping() {
        ChatSession session = currentOrNull();
        return session != null ? session.ping() : CompletableFuture.failedFuture(disconnected());
    }

    @Override
    public CompletableFuture<Void> register(String password) {
        ChatSession session = currentOrNull();
        return session != null ? session.register(password) : CompletableFuture.failedFuture(disconnected());
    }

    @Override
    public CompletableFuture<Void> changePassword(String old, String password) {
        ChatSession session = currentOrNull();
        return session != null ? session.changePassword(old, password) : CompletableFuture.failedFuture(disconnected());
    }

    @Override
    public CompletableFuture<List<dev.chat.wire.frame.Message>> history(Long before, Long after, int limit) {
        ChatSession session = currentOrNull();
        return session != null ? session.history(before, after, limit) : CompletableFuture.failedFuture(disconnected());
    }

    /** Leaves: the joined session says goodbye, waiting lines fail with {@link DisconnectedException}. */
    @Override
    public void close() {
        ChatSession session;
        List<Waiting> dropped;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            session = current;
            current = null;
            dropped = List.copyOf(outbox);
            outbox.clear();
        }
        dropped.forEach(w -> w.sent().completeExceptionally(new DisconnectedException(
                "the client closed before the rejoin")));
        if (session != null) {
            session.close();
        }
        terminated.complete(null);
    }

    private ChatSession currentOrNull() {
        synchronized (lock) {
            return current;
        }
    }

    private static DisconnectedException disconnected() {
        return new DisconnectedException("not connected: reconnecting (/reconnect tries now)");
    }

    private static <T> void forward(CompletableFuture<T> from, CompletableFuture<T> to) {
        from.whenComplete((value, error) -> {
            if (error != null) {
                to.completeExceptionally(error);
            } else {
                to.complete(value);
            }
        });
    }

    /** A download asked for while away: failed from the start. */
    private record Refused(String fileName, TransferProtocol protocol) implements DownloadHandle {
        @Override
        public CompletableFuture<DownloadResult> result() {
            return CompletableFuture.failedFuture(new DownloadException(DownloadException.Reason.CONNECTION_LOST,
                    "not connected: reconnecting; /get again once back"));
        }

        @Override
        public DownloadProgress progress() {
            return new DownloadProgress(0, -1, 0, null, null);
        }

        @Override
        public void cancel() {
            // nothing runs
        }
    }
}
