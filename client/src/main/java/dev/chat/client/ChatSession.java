package dev.chat.client;

import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.Sent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A joined chat session: what line mode, script mode and the full-screen client use, and what
 * {@link ChatClient} implements (get one with {@link ChatClient#connect} or {@link Handshake#join}).
 *
 * <p>Threads: every method but {@link #close()} returns at once and may be called from any thread,
 * a GUI thread included: a request's frame is queued for the session's writer thread, never written
 * by the caller. Futures complete on the session's own threads (reader, timeout), never on the
 * caller's; whoever reacts to them hands over to its UI thread. When the daemon stops reading and
 * the bounded send queue is full, a request's future fails at once with a {@link ChatException}
 * ({@link dev.chat.wire.ErrorCode#RATE_LIMITED}) instead of blocking. {@link #close()} waits,
 * bounded, for the daemon's goodbye; call it off a GUI thread.
 */
public interface ChatSession extends AutoCloseable {
    /** What the daemon said on joining: registered name, users online then, limits, server software. */
    WelcomeInfo welcome();

    /** The name this session joined under, as the daemon registered it. */
    default String name() {
        return welcome().name();
    }

    /**
     * The fingerprint of the daemon's TLS certificate ({@code SHA256:...}) when this session is
     * encrypted; empty in plaintext (the default, for sessions that have no TLS at all).
     */
    default java.util.Optional<String> tlsFingerprint() {
        return java.util.Optional.empty();
    }

    /** True until the connection ends or {@link #close()} is called. */
    boolean isOpen();

    /** Completes (never exceptionally) once the session has ended and its listener was told. */
    CompletableFuture<Void> terminated();

    /** Sends {@code text} to the user {@code to}, or to everyone when {@code to} is {@code all}. */
    CompletableFuture<Sent> send(String to, String text);

    /** Sends an action ({@code /me waves}: {@code text} is "waves") to {@code to} or to everyone. */
    CompletableFuture<Sent> sendAction(String to, String text);

    /**
     * Marks this user away with {@code reason}, or back when it is null or blank; everyone is told
     * ({@link ChatListener#onUserAway}).
     */
    CompletableFuture<Void> away(String reason);

    /** Everyone online now, all pages assembled. */
    CompletableFuture<List<String>> listUsers();

    /** The daemon's shared files, all pages assembled. */
    CompletableFuture<List<FileEntry>> listFiles();

    /**
     * Starts downloading the shared file {@code fileName} into {@code directory}; never throws:
     * failures complete {@link DownloadHandle#result()} exceptionally with a {@link DownloadException}.
     *
     * @param listener progress, at most 10 times a second, on a client thread; may be null
     */
    DownloadHandle download(String fileName, TransferProtocol protocol, Path directory, DownloadListener listener);

    /**
     * Registers the name this session joined under with {@code password} (at least 8 characters);
     * fails with a {@link ChatException} ({@code ALREADY_REGISTERED}, {@code PASSWORD_INVALID},
     * {@code PLAINTEXT_LOGIN}, ...).
     */
    CompletableFuture<Void> register(String password);

    /** Replaces the registered account's password {@code old} with {@code password}. */
    CompletableFuture<Void> changePassword(String old, String password);

    /**
     * Past messages (broadcasts and this user's own private messages), oldest first, each marked
     * history: up to {@code limit} (1..1000) with ids below {@code before}, above {@code after}, or
     * the newest when both are null.
     */
    CompletableFuture<List<dev.chat.wire.frame.Message>> history(Long before, Long after, int limit);

    /**
     * Where a reconnect takes up this session (its resume token and the last message id seen), or
     * empty when the daemon gave no token (an old daemon).
     */
    default java.util.Optional<ResumePoint> resumePoint() {
        return java.util.Optional.empty();
    }

    /** The round trip of a ping to the daemon and its pong. */
    CompletableFuture<Duration> ping();

    /** Leaves politely (quit, then the daemon's bye), waiting a bounded time; idempotent. */
    @Override
    void close();
}
