package dev.chat.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * SHA-256 of a part file, computed while the file is still being written: a thread of its own
 * follows the file's contiguous prefix (whatever {@code written} reports) and hashes it from the
 * page cache, so that verifying a download at its end costs only the bytes that arrived last
 * instead of a second pass over the whole file. A resumed part is hashed from its start too.
 *
 * <p>Threads: {@link #follow} and {@link #finish} are called by the download's thread; the hashing
 * runs on its own virtual thread; {@link #close} from the download's thread ends it.
 */
final class PrefixHasher implements AutoCloseable {
    private static final int CHUNK = 1 << 20;
    private static final long IDLE_PARK_NANOS = 1_000_000;

    private final FileChannel file;
    private final MessageDigest digest;
    private final CompletableFuture<String> hex = new CompletableFuture<>();
    private volatile LongSupplier written = () -> 0;
    /** Set once the file is complete: the size to hash up to. */
    private volatile long finalSize = -1;
    private volatile boolean closed;
    private Thread worker;

    PrefixHasher(Path part) throws IOException {
        file = FileChannel.open(part, StandardOpenOption.READ);
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Starts hashing; {@code contiguousEnd} says how far from the start the file is complete now. */
    void follow(LongSupplier contiguousEnd) {
        written = contiguousEnd;
        worker = Thread.ofVirtual().name("chat-hash").start(this::run);
    }

    /** The file is complete at {@code size} bytes: hashes what is left and returns the hex SHA-256. */
    String finish(long size) throws IOException {
        finalSize = size;
        LockSupport.unpark(worker);
        try {
            return hex.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while verifying", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("cannot hash the part file", e.getCause());
        }
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        long hashed = 0;
        try {
            while (!closed) {
                long size = finalSize;
                long target = size >= 0 ? size : written.getAsLong();
                if (hashed < target) {
                    hashed += hashChunk(buf, hashed, target);
                } else if (size >= 0) {
                    hex.complete(HexFormat.of().formatHex(digest.digest()));
                    return;
                } else {
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                }
            }
            hex.completeExceptionally(new IOException("closed before the file was complete"));
        } catch (IOException | UncheckedIOException e) {
            hex.completeExceptionally(e);
        }
    }

    /** Hashes up to one chunk of [from, to); returns how many bytes. */
    private int hashChunk(ByteBuffer buf, long from, long to) throws IOException {
        buf.clear().limit((int) Math.min(CHUNK, to - from));
        int n = file.read(buf, from);
        if (n < 0) {
            throw new IOException("the part file is shorter than its written prefix");
        }
        digest.update(buf.array(), 0, n);
        return n;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        Thread t = worker;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        file.close();
    }
}
