package dev.chat.daemon.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SHA-256 sums of shared files, computed once per (size, modification time) on a bounded executor
 * so that no session's reader thread ever reads a large file. Thread-safe.
 */
public final class FileHasher {
    private static final System.Logger LOG = System.getLogger(FileHasher.class.getName());

    private record Entry(long size, long modifiedMillis, CompletableFuture<String> sha256, AtomicBoolean started) {
        /** True for exactly one caller: the one that starts the computation. */
        boolean claim() {
            return started.compareAndSet(false, true);
        }
    }

    private final Executor executor;
    private final Map<Path, Entry> cache = new ConcurrentHashMap<>();

    /** @param executor where files are read and hashed; bound its threads (e.g. 2) */
    public FileHasher(Executor executor) {
        this.executor = executor;
    }

    /**
     * The sum of {@code file} (a real path) with this size and modification time: cached, being
     * computed, or started now. Fails with an {@link UncheckedIOException} when it cannot be read.
     */
    public CompletableFuture<String> sha256(Path file, long size, long modifiedMillis) {
        Entry entry = cache.compute(file, (key, old) -> old != null && old.size() == size
                && old.modifiedMillis() == modifiedMillis && !old.sha256().isCompletedExceptionally()
                ? old : new Entry(size, modifiedMillis, new CompletableFuture<>(), new AtomicBoolean()));
        CompletableFuture<String> future = entry.sha256();
        if (!future.isDone() && entry.claim()) {
            start(file, future);
        }
        return future;
    }

    /** The sum if known now; otherwise null, and computing it starts in the background. */
    public String ifKnown(Path file, long size, long modifiedMillis) {
        CompletableFuture<String> future = sha256(file, size, modifiedMillis);
        return future.isDone() && !future.isCompletedExceptionally() ? future.join() : null;
    }

    /** Forgets every file not in {@code keep} (real paths), so the cache follows the folder. */
    public void retain(Set<Path> keep) {
        cache.keySet().retainAll(keep);
    }

    private void start(Path file, CompletableFuture<String> future) {
        try {
            executor.execute(() -> {
                try {
                    future.complete(compute(file));
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "cannot hash " + file + ": " + e);
                    future.completeExceptionally(new UncheckedIOException(e));
                } catch (RuntimeException e) {
                    future.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(e);
        }
    }

    /** Reads the whole file; call off any session thread. */
    public static String compute(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
