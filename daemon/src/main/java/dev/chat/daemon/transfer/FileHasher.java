package dev.chat.daemon.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
 * so that no session's reader thread ever reads a large file. A download's sum is read from the
 * channel its grant holds; a listed file's sum from a channel the {@link Opener} gives (the shared
 * folder's own way of opening, which never follows a link nor opens a FIFO it has seen). Thread-safe.
 */
public final class FileHasher {
    /** Opens a shared file by its real path (blocking: called on the hashing executor). */
    @FunctionalInterface
    public interface Opener {
        FileChannel open(Path real) throws IOException;
    }

    private static final System.Logger LOG = System.getLogger(FileHasher.class.getName());

    private record Entry(long size, long modifiedMillis, CompletableFuture<String> sha256, AtomicBoolean started) {
        /** True for exactly one caller: the one that starts the computation. */
        boolean claim() {
            return started.compareAndSet(false, true);
        }
    }

    private final Executor executor;
    private final Opener opener;
    private final Map<Path, Entry> cache = new ConcurrentHashMap<>();

    /**
     * @param executor where files are read and hashed; bound its threads (e.g. 2), platform threads
     *                 (an open may block)
     */
    public FileHasher(Executor executor, Opener opener) {
        this.executor = executor;
        this.opener = opener;
    }

    /**
     * The sum of {@code file} (a real path) with this size and modification time: cached, being
     * computed, or started now. Fails with an {@link UncheckedIOException} when it cannot be read.
     */
    public CompletableFuture<String> sha256(Path file, long size, long modifiedMillis) {
        return sha256(file, size, modifiedMillis, null);
    }

    /** The sum of an opened shared file, read from its own channel when not known yet (the channel stays open). */
    public CompletableFuture<String> sha256(SharedFolder.SharedFile file) {
        return sha256(file.path(), file.size(), file.modifiedMillis(), file.channel());
    }

    private CompletableFuture<String> sha256(Path file, long size, long modifiedMillis, FileChannel open) {
        Entry entry = cache.compute(file, (key, old) -> old != null && old.size() == size
                && old.modifiedMillis() == modifiedMillis && !old.sha256().isCompletedExceptionally()
                ? old : new Entry(size, modifiedMillis, new CompletableFuture<>(), new AtomicBoolean()));
        CompletableFuture<String> future = entry.sha256();
        if (!future.isDone() && entry.claim()) {
            start(file, open, future);
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

    private void start(Path file, FileChannel open, CompletableFuture<String> future) {
        try {
            executor.execute(() -> {
                try {
                    if (open != null) {
                        future.complete(compute(open));
                    } else {
                        try (FileChannel channel = opener.open(file)) {
                            future.complete(compute(channel));
                        }
                    }
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

    /** Reads the whole channel from position 0 (positional reads: its position is not moved); call off any session thread. */
    public static String compute(FileChannel channel) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long position = 0;
        for (int n = channel.read(buf, position); n >= 0; n = channel.read(buf.clear(), position)) {
            position += n;
            digest.update(buf.flip());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
