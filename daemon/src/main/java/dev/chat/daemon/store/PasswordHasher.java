package dev.chat.daemon.store;

import dev.chat.daemon.store.StoreException.Reason;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link Argon2id} on its own small pool: a few platform threads and a bounded queue, so
 * hashing (about 19 MiB and tens of ms each) never runs on a session's or the delivery path's
 * thread, and a flood of logins costs at most {@code threads x 19 MiB} of memory. Over the queue's
 * bound a request fails at once with {@link Reason#OVERLOADED}. The caller wipes its password array
 * after the future completes.
 */
public final class PasswordHasher implements AutoCloseable {
    private final ThreadPoolExecutor pool;
    private final Argon2id.Params params;

    public PasswordHasher(int threads, int queued, Argon2id.Params params) {
        this.params = params;
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queued),
                Thread.ofPlatform().name("chatd-argon2-", 0).daemon(true).factory());
    }

    /** Two threads, 64 waiting, OWASP parameters. */
    public static PasswordHasher defaults() {
        return new PasswordHasher(2, 64, Argon2id.OWASP);
    }

    public CompletableFuture<String> hash(char[] password) {
        return run(() -> Argon2id.encode(password, params));
    }

    public CompletableFuture<Boolean> verify(char[] password, String encoded) {
        return run(() -> Argon2id.verify(password, encoded));
    }

    private <T> CompletableFuture<T> run(java.util.function.Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new StoreException(Reason.OVERLOADED,
                    "too many password checks at once"));
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
