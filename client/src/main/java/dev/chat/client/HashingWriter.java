package dev.chat.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes an in-order byte stream (a TCP download) into its part file and hashes it with SHA-256,
 * each on a thread of its own, from the very buffers the socket was read into. The download's
 * thread only receives; writing (the kernel's copy into the page cache, the costliest step in a
 * profile of a loopback download) and hashing run beside it and beside each other, and no byte is
 * read back from the file (which {@link PrefixHasher} must do for UDP, whose chunks arrive out of
 * order). A resumed part's existing prefix is hashed from the file first.
 *
 * <p>The buffers are direct, so a socket read fills them and a file write drains them without a
 * copy through a temporary buffer; there are {@value #BUFFERS} of {@value #BUFFER_BYTES} bytes, and
 * a buffer is free again once both the writer and the hasher are done with it, so the receiver
 * waits when it runs that far ahead.
 *
 * <p>Threads: {@link #take}, {@link #submit}, {@link #finish} and {@link #close} are called by the
 * download's thread; the writer and the hasher are platform threads (file I/O would pin a virtual one).
 */
final class HashingWriter implements AutoCloseable {
    static final int BUFFER_BYTES = 1 << 20;
    private static final int BUFFERS = 8;

    /** One filled buffer, seen by the writer and the hasher through their own views. */
    private record Slot(ByteBuffer buffer, AtomicInteger users) {
        static final Slot END = new Slot(ByteBuffer.allocate(0), new AtomicInteger());
    }

    private final FileChannel file;
    private final long start;
    private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
    /** Filled slots in file order, then {@link Slot#END}: never more than every buffer plus END. */
    private final BlockingQueue<Slot> toWrite = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final BlockingQueue<Slot> toHash = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final CompletableFuture<Long> written = new CompletableFuture<>();
    private final CompletableFuture<String> hex = new CompletableFuture<>();
    private final Thread writer;
    private final Thread hasher;
    private boolean ended;

    /** @param file readable and writable; the stream continues it at {@code start} (its first bytes are hashed from it) */
    HashingWriter(FileChannel file, long start) {
        this.file = file;
        this.start = start;
        for (int i = 0; i < BUFFERS; i++) {
            free.add(ByteBuffer.allocateDirect(BUFFER_BYTES));
        }
        writer = Thread.ofPlatform().daemon(true).name("chat-part-writer").start(this::writeAll);
        hasher = Thread.ofPlatform().daemon(true).name("chat-part-hasher").start(this::hashAll);
    }

    /** A cleared buffer to fill; waits while the writer or the hasher is {@value #BUFFERS} buffers behind. */
    ByteBuffer take() throws IOException {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while receiving", e);
        }
    }

    /** Queues the bytes before {@code filled}'s position as the stream's next ones; fails if writing already failed. */
    void submit(ByteBuffer filled) throws DownloadException {
        if (written.isCompletedExceptionally()) {
            Throwable cause = written.exceptionNow();
            throw new DownloadException(DownloadException.Reason.LOCAL_IO, null,
                    "cannot write the part file: " + cause.getMessage(), cause);
        }
        filled.flip();
        Slot slot = new Slot(filled, new AtomicInteger(2));
        toWrite.add(slot); // never full: there are only BUFFERS buffers
        toHash.add(slot);
    }

    /** Waits until every submitted byte is written and hashed; returns the hex SHA-256 of the whole file. */
    String finish() throws IOException {
        end();
        try {
            written.get();
            return hex.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while verifying", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("cannot write the part file", e.getCause());
        }
    }

    private void end() {
        if (!ended) {
            ended = true;
            toWrite.add(Slot.END);
            toHash.add(Slot.END);
        }
    }

    private void release(Slot slot) {
        if (slot.users().decrementAndGet() == 0) {
            free.add(slot.buffer().clear());
        }
    }

    /** The writer thread: after a failure it keeps releasing buffers unwritten, so the receiver never waits forever. */
    private void writeAll() {
        long at = start;
        IOException failure = null;
        try {
            for (Slot slot = toWrite.take(); slot != Slot.END; slot = toWrite.take()) {
                ByteBuffer view = slot.buffer().duplicate();
                try {
                    while (failure == null && view.hasRemaining()) {
                        at += file.write(view, at);
                    }
                } catch (IOException | RuntimeException e) { // e.g. NonWritableChannelException
                    failure = e instanceof IOException io ? io : new IOException(e.toString(), e);
                    written.completeExceptionally(failure); // the receiver sees it at its next submit
                }
                release(slot);
            }
        } catch (InterruptedException e) {
            failure = new IOException("interrupted", e);
        }
        if (failure != null) {
            written.completeExceptionally(failure);
        } else {
            written.complete(at);
        }
    }

    /** The hasher thread. */
    private void hashAll() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        IOException failure = null;
        try {
            hashPrefix(digest);
        } catch (IOException e) {
            failure = e;
        }
        try {
            for (Slot slot = toHash.take(); slot != Slot.END; slot = toHash.take()) {
                if (failure == null) {
                    digest.update(slot.buffer().duplicate());
                }
                release(slot);
            }
        } catch (InterruptedException e) {
            failure = new IOException("interrupted", e);
        }
        if (failure != null) {
            hex.completeExceptionally(failure);
        } else {
            hex.complete(HexFormat.of().formatHex(digest.digest()));
        }
    }

    /** Hashes the part's first {@code start} bytes, left by an earlier attempt. */
    private void hashPrefix(MessageDigest digest) throws IOException {
        if (start == 0) {
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(BUFFER_BYTES, start));
        for (long at = 0; at < start; ) {
            buf.clear().limit((int) Math.min(buf.capacity(), start - at));
            int n = file.read(buf, at);
            if (n < 0) {
                throw new IOException("the part file is shorter than its " + start + " bytes");
            }
            at += n;
            digest.update(buf.flip());
        }
    }

    /** Ends both threads (what was submitted is still written) and waits for them. */
    @Override
    public void close() {
        end();
        try {
            writer.join();
            hasher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
