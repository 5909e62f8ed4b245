package dev.chat.client;

import dev.chat.client.DownloadException.Reason;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.udp.FailureReason;
import dev.chat.wire.udp.ReceiverStats;
import dev.chat.wire.udp.RudpConfig;
import dev.chat.wire.udp.RudpKeys;
import dev.chat.wire.udp.RudpReceiver;
import dev.chat.wire.udp.RudpWire;
import dev.chat.wire.udp.TransferFailure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives one {@link RudpReceiver} over its own connected {@link DatagramChannel}: the client side
 * of a reliable-UDP download. {@link #fetch} runs the loop on the calling (platform) thread, writing
 * each chunk into the part file at its offset; {@link #cancel} (any thread) aborts it, the daemon
 * then gets a RESET. Buffers are allocated once; a snapshot of the receiver's counters is published
 * for progress reports.
 */
final class UdpFetcher {
    private static final long SPIN_LIMIT_NANOS = 1_000_000;
    private static final long STATS_EVERY_NANOS = 50_000_000;
    /**
     * The socket's receive buffer: the kernel's default (208 KiB) holds three 65,000-byte datagrams,
     * so on loopback a burst overflowed it (16,000-20,000 drops per GiB, each repaired by a
     * retransmission). The kernel caps the request at net.core.rmem_max.
     */
    private static final int RECEIVE_BUFFER_BYTES = 4 << 20;

    private final InetAddress address;
    private final DownloadReady ready;
    private final RudpConfig config;
    private final AtomicLong done;
    private volatile boolean cancelled;
    private volatile Selector selector;
    private volatile ReceiverStats stats;
    /** Set when the transfer starts; the loop thread writes through it, the hasher reads its prefix. */
    private volatile PartWriter writer;

    UdpFetcher(InetAddress address, DownloadReady ready, RudpConfig config, AtomicLong done) {
        this.address = address;
        this.ready = ready;
        this.config = config;
        this.done = done;
    }

    /** How far from its start the part file is complete (no holes below). */
    long contiguousEnd() {
        PartWriter w = writer;
        return w == null ? 0 : w.flushedPrefix();
    }

    /** The receiver's latest counters, or null before the first. */
    ReceiverStats stats() {
        return stats;
    }

    /**
     * Runs the transfer to its end. On failure the part file is cut back to its contiguous prefix,
     * because chunks arrive out of order: a later resume from the file's length must not skip a hole.
     */
    void fetch(FileChannel file) throws IOException, DownloadException {
        PartWriter w = new PartWriter(file, ready.offset());
        writer = w;
        try {
            receive(w);
            w.flush();
        } catch (IOException | DownloadException | RuntimeException e) {
            w.flush();
            file.truncate(w.prefixEnd());
            throw e;
        }
    }

    private void receive(PartWriter part) throws IOException, DownloadException {
        try (DatagramChannel channel = DatagramChannel.open(); Selector sel = Selector.open()) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
            channel.connect(new InetSocketAddress(address, ready.port()));
            channel.configureBlocking(false);
            channel.register(sel, SelectionKey.OP_READ);
            selector = sel;
            RudpReceiver receiver = new RudpReceiver(config, ready.transfer(), keys(),
                    ready.offset(), (offset, src) -> write(part, offset, src), System.nanoTime());
            run(channel, sel, receiver);
            if (receiver.failure().isPresent()) {
                throw failure(receiver.failure().get());
            }
        }
    }

    /** The datagram keys of {@code download_ready.key}; a daemon that sends none speaks no RUDP version 2. */
    private RudpKeys keys() throws DownloadException {
        if (ready.key() == null) {
            throw new DownloadException(Reason.PROTOCOL, "the daemon sent no UDP key: it speaks an older reliable-UDP version");
        }
        RudpKeys keys = RudpKeys.fromHex(ready.key(), ready.transfer());
        KeyLog.record(ready.transfer(), ready.key());
        return keys;
    }

    private void run(DatagramChannel channel, Selector sel, RudpReceiver receiver) throws IOException {
        // Heap buffers: the JDK's AES-GCM runs about twice as fast on arrays as on direct buffers.
        ByteBuffer in = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM + 1);
        ByteBuffer out = ByteBuffer.allocate(Math.max(config.maxDatagramSize(), RudpWire.MAX_DATAGRAM));
        long statsDue = 0;
        while (!receiver.isDone()) {
            if (cancelled) {
                receiver.abort();
            }
            long now = System.nanoTime();
            for (in.clear(); channel.read(in) > 0; in.clear()) {
                in.flip();
                receiver.onDatagram(in, now);
            }
            while (receiver.poll(now, out)) {
                channel.write(out);
            }
            if (now - statsDue >= 0) {
                stats = receiver.stats();
                statsDue = now + STATS_EVERY_NANOS;
            }
            await(sel, receiver.nextDeadline() - System.nanoTime());
        }
        stats = receiver.stats();
    }

    private static void await(Selector sel, long nanos) throws IOException {
        if (nanos <= 0) {
            sel.selectNow();
        } else if (nanos < SPIN_LIMIT_NANOS) {
            LockSupport.parkNanos(nanos);
        } else {
            sel.select(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(nanos), 100)));
        }
        sel.selectedKeys().clear();
    }

    private void write(PartWriter part, long offset, ByteBuffer src) throws IOException {
        int n = src.remaining();
        part.write(offset, src);
        done.addAndGet(n);
    }

    private DownloadException failure(TransferFailure failure) {
        FailureReason reason = failure.reason();
        return switch (reason) {
            case PEER_TIMEOUT -> new DownloadException(Reason.PEER_TIMEOUT, "the daemon's UDP endpoint went silent");
            case ABORTED -> cancelled ? new DownloadException(Reason.CANCELLED, "cancelled")
                    : new DownloadException(Reason.CONNECTION_LOST, "the daemon aborted the transfer");
            case BAD_TOKEN -> new DownloadException(Reason.REFUSED, dev.chat.wire.ErrorCode.BAD_TOKEN,
                    "the daemon refused the token", null);
            case BAD_OFFSET -> new DownloadException(Reason.REFUSED, dev.chat.wire.ErrorCode.BAD_OFFSET,
                    "the daemon refused the offset", null);
            case IO_ERROR -> failure.byPeer()
                    ? new DownloadException(Reason.CONNECTION_LOST, "the daemon could not read the file")
                    : new DownloadException(Reason.LOCAL_IO, "cannot write the part file");
            default -> new DownloadException(Reason.PROTOCOL, "reliable UDP failed: " + failure);
        };
    }

    void cancel() {
        cancelled = true;
        Selector sel = selector;
        if (sel != null) {
            sel.wakeup();
        }
    }
}
