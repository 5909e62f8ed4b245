package dev.chat.daemon.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Streams one granted range over a blocking socket channel with {@code transferTo}, in slices so
 * a watchdog can see progress: a peer that takes no byte for the idle timeout has the channel closed
 * under it, which ends the blocked write. Over TLS the bytes go through the TLS stream instead,
 * copied through a buffer; the watchdog still closes the channel beneath it. Runs on the data
 * connection's thread.
 */
final class TcpStreamer {
    private static final System.Logger LOG = System.getLogger(TcpStreamer.class.getName());
    private static final long SLICE = 1 << 20;
    private static final int BOUNCE_BYTES = 64 * 1024;
    /**
     * What a full socket buffer sends by copy: just enough for the blocking write to park until the
     * peer has read, after which {@code transferTo} sends again without a copy.
     */
    private static final int PARK_BYTES = 4 * 1024;

    private final Grant grant;
    private final SocketChannel channel;
    /** The TLS stream over {@link #channel}, or null to send on the channel itself (zero copy). */
    private final OutputStream encrypted;
    private final ScheduledExecutorService watchdog;
    private final long idleNanos;
    private final TransferSession session;
    private volatile long lastProgress = System.nanoTime();

    TcpStreamer(Grant grant, SocketChannel channel, OutputStream encrypted, ScheduledExecutorService watchdog,
                Duration idle, TransferSession session) {
        this.grant = grant;
        this.channel = channel;
        this.encrypted = encrypted;
        this.watchdog = watchdog;
        this.idleNanos = idle.toNanos();
        this.session = session;
    }

    void run() {
        if (!session.track(channel)) {
            return;
        }
        ScheduledFuture<?> check = watchdog.scheduleWithFixedDelay(this::checkStall, 200, 200, TimeUnit.MILLISECONDS);
        FileChannel file = grant.file().channel(); // opened at grant time; closed with the grant
        try {
            long position = grant.offset();
            long end = grant.file().size();
            ByteBuffer bounce = null;
            ByteBuffer parked = null;
            while (position < end) {
                if (encrypted != null) {
                    bounce = bounce != null ? bounce : ByteBuffer.allocate(BOUNCE_BYTES);
                    position += writeEncrypted(file, position, end, bounce);
                    lastProgress = System.nanoTime();
                    continue;
                }
                long n = file.transferTo(position, Math.min(SLICE, end - position), channel);
                if (n <= 0) {
                    if (file.size() <= position) {
                        throw new IOException("the file shrank to " + file.size() + " bytes");
                    }
                    // On a virtual thread transferTo returns 0 when the socket's buffer is full
                    // instead of waiting; looping on it would spin a core for as long as the peer
                    // is slow. A plain write parks until the peer reads.
                    parked = parked != null ? parked : ByteBuffer.allocateDirect(PARK_BYTES);
                    n = writeThrough(file, position, end, parked);
                }
                position += n;
                lastProgress = System.nanoTime();
            }
            LOG.log(Level.INFO, session.who() + " TCP transfer " + grant.transfer() + " done");
        } catch (IOException e) {
            LOG.log(Level.INFO, session.who() + " TCP transfer " + grant.transfer() + " failed: " + e);
        } finally {
            check.cancel(false);
            session.untrack(channel);
        }
    }

    /** Copies one buffer's worth at {@code position} with a blocking write; returns the bytes sent. */
    private int writeThrough(FileChannel file, long position, long end, ByteBuffer bounce) throws IOException {
        bounce.clear().limit((int) Math.min(bounce.capacity(), end - position));
        int read = file.read(bounce, position);
        if (read <= 0) {
            throw new IOException("the file shrank to " + file.size() + " bytes");
        }
        bounce.flip();
        while (bounce.hasRemaining()) {
            channel.write(bounce);
        }
        return read;
    }

    /** Copies one buffer's worth at {@code position} into the TLS stream; returns the bytes sent. */
    private int writeEncrypted(FileChannel file, long position, long end, ByteBuffer bounce) throws IOException {
        bounce.clear().limit((int) Math.min(bounce.capacity(), end - position));
        int read = file.read(bounce, position);
        if (read <= 0) {
            throw new IOException("the file shrank to " + file.size() + " bytes");
        }
        encrypted.write(bounce.array(), 0, read);
        return read;
    }

    private void checkStall() {
        if (System.nanoTime() - lastProgress > idleNanos) {
            LOG.log(Level.INFO, session.who() + " TCP transfer " + grant.transfer() + " stalled; closing");
            try {
                channel.close();
            } catch (IOException e) {
                // closed is closed
            }
        }
    }
}
