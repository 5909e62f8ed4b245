package dev.chat.daemon.transfer;

import dev.chat.wire.ProtocolException;
import dev.chat.wire.udp.RudpConfig;
import dev.chat.wire.udp.RudpSender;
import dev.chat.wire.udp.RudpWire;
import dev.chat.wire.udp.TransferToken;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.zip.CRC32C;

/**
 * The daemon's one UDP socket for reliable-UDP downloads, bound to the TCP port's number. One
 * driver thread ({@link #run()}) owns the channel and every {@link RudpSender}: it demultiplexes
 * datagrams by connection id (= transfer id), creates a sender when a HANDSHAKE with a pending
 * grant's token arrives (claiming the grant), polls senders until their deadlines, and sleeps in
 * the selector until the next deadline or datagram. Receive and send buffers are reused; only the
 * impairment path copies datagrams. Every 250 ms it publishes each running sender's statistics to a
 * {@link SenderStatsBoard}, from which another thread sends them to the sessions: the driver never
 * waits on a chat connection. Other threads only call {@link #abort} and {@link #close}.
 */
final class UdpEndpoint implements Runnable, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UdpEndpoint.class.getName());
    private static final int HANDSHAKE_BYTES = 58;
    private static final int TYPE_HANDSHAKE = 1;
    private static final int TYPE_RESET = 7;
    private static final int RESET_BAD_TOKEN = 2;
    /** Below this wait the driver parks instead of selecting (select has millisecond granularity). */
    private static final long SPIN_LIMIT_NANOS = 1_000_000;

    /** One running transfer. */
    private static final class Flow {
        final Grant grant;
        final RudpSender sender;
        final FileChannel file;
        final SocketAddress peer;
        /** When the next statistics snapshot is due (driver thread only). */
        long statsDue;

        Flow(Grant grant, RudpSender sender, FileChannel file, SocketAddress peer, long now) {
            this.grant = grant;
            this.sender = sender;
            this.file = file;
            this.peer = peer;
            this.statsDue = now + SenderStatsBoard.INTERVAL_NANOS;
        }
    }

    private record Held(long due, ByteBuffer datagram, SocketAddress peer, boolean inbound) {
    }

    private final DatagramChannel channel;
    private final Selector selector;
    private final TransferRegistry registry;
    private final RudpConfig config;
    private final Impairment impairment;
    private final BiConsumer<Grant, String> onFinished;
    private final SenderStatsBoard stats;
    private final Map<Long, Flow> flows = new HashMap<>();
    private volatile int flowCount;
    private final Queue<Object> aborts = new ConcurrentLinkedQueue<>();
    /** In {@link #aborts}: every session's transfers. */
    private static final Object ALL = new Object();
    private final PriorityQueue<Held> held = new PriorityQueue<>((a, b) -> Long.compare(a.due(), b.due()));
    private final ByteBuffer in = ByteBuffer.allocateDirect(RudpWire.MAX_DATAGRAM + 1);
    private final ByteBuffer out;
    private final ByteBuffer reset = ByteBuffer.allocate(26);
    private final CRC32C crc = new CRC32C();
    private final List<Flow> finished = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param onFinished told (on the driver thread) when a claimed transfer ends: its grant, and null
     *                   on success or the failure
     * @param stats      where the driver publishes each running sender's statistics every 250 ms
     */
    UdpEndpoint(InetSocketAddress address, TransferRegistry registry, RudpConfig config, Impairment impairment,
                BiConsumer<Grant, String> onFinished, SenderStatsBoard stats) throws IOException {
        this.registry = registry;
        this.stats = stats;
        this.config = config;
        this.impairment = impairment;
        this.onFinished = onFinished;
        this.out = ByteBuffer.allocateDirect(config.maxDatagramSize());
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.bind(address);
            ch.configureBlocking(false);
            selector = Selector.open();
            ch.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        channel = ch;
    }

    int port() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /** Ends every transfer of {@code session} (it ended): each peer gets a RESET. Any thread. */
    void abort(Object session) {
        aborts.add(session);
        selector.wakeup();
    }

    /** Ends every transfer (the daemon's grace is over): each peer gets a RESET. Any thread. */
    void abortAll() {
        abort(ALL);
    }

    /** Transfers running now (for tests; approximate from other threads). */
    int flowCount() {
        return flowCount;
    }

    @Override
    public void run() {
        try {
            while (!closed) {
                long now = System.nanoTime();
                runAborts(now);
                releaseHeld(now);
                receiveAll(now);
                long next = pollAll(System.nanoTime());
                if (!held.isEmpty()) {
                    next = Math.min(next, held.peek().due());
                }
                await(next - System.nanoTime());
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.log(Level.ERROR, "UDP endpoint failed: " + e);
            }
        } finally {
            for (Flow flow : flows.values()) {
                end(flow, "daemon closing");
            }
            flows.clear();
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            channel.close();
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "closing the UDP endpoint: " + e);
        }
    }

    private void await(long nanos) throws IOException {
        if (nanos <= 0) {
            selector.selectNow();
        } else if (nanos < SPIN_LIMIT_NANOS) {
            LockSupport.parkNanos(nanos);
        } else {
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
        }
        selector.selectedKeys().clear();
    }

    private void receiveAll(long now) throws IOException {
        while (true) {
            in.clear();
            SocketAddress from = channel.receive(in);
            if (from == null) {
                return;
            }
            in.flip();
            if (impairment.active()) {
                impaired(in, from, true, now);
            } else {
                dispatch(in, from, now);
            }
        }
    }

    private void dispatch(ByteBuffer datagram, SocketAddress from, long now) throws IOException {
        long id = RudpWire.connectionIdOf(datagram);
        if (id == RudpWire.NO_CONNECTION) {
            return;
        }
        Flow flow = flows.get(id);
        if (flow == null) {
            flow = open(id, datagram, from, now);
        }
        if (flow != null && flow.peer.equals(from)) {
            flow.sender.onDatagram(datagram, now);
        }
    }

    /** A datagram for no running transfer: a valid HANDSHAKE claims its grant, a wrong token gets RESET. */
    private Flow open(long id, ByteBuffer datagram, SocketAddress from, long now) throws IOException {
        if (!isHandshake(datagram)) {
            return null;
        }
        int p = datagram.position();
        TransferToken token = new TransferToken(datagram.getLong(p + 20), datagram.getLong(p + 28));
        Grant grant;
        try {
            grant = registry.claim(id, token, "udp");
        } catch (ProtocolException e) {
            sendReset(id, from, now);
            return null;
        }
        FileChannel file = grant.file().channel(); // opened at grant time: no open (nor a FIFO's wait) here
        RudpSender sender = new RudpSender(config, id, token, new ReadAheadSource(file), grant.file().size(), now);
        Flow flow = new Flow(grant, sender, file, from, now);
        flows.put(id, flow);
        flowCount = flows.size();
        return flow;
    }

    /** Length, magic, version, type and CRC of a HANDSHAKE (PROTOCOL.md section 16.8.1). */
    private boolean isHandshake(ByteBuffer datagram) {
        int p = datagram.position();
        if (datagram.remaining() != HANDSHAKE_BYTES || (datagram.get(p + 3) & 0xFF) != TYPE_HANDSHAKE) {
            return false;
        }
        crc.reset();
        ByteBuffer body = datagram.duplicate().limit(p + HANDSHAKE_BYTES - 4);
        crc.update(body);
        return (int) crc.getValue() == datagram.getInt(p + HANDSHAKE_BYTES - 4);
    }

    private void sendReset(long id, SocketAddress to, long now) throws IOException {
        reset.clear();
        reset.putShort((short) RudpWire.MAGIC).put((byte) RudpWire.VERSION).put((byte) TYPE_RESET)
                .putLong(id).putLong(0).putShort((short) RESET_BAD_TOKEN);
        crc.reset();
        crc.update(reset.array(), 0, reset.position());
        reset.putInt((int) crc.getValue()).flip();
        send(reset, to, now);
    }

    /** Polls every sender; returns the earliest deadline. */
    private long pollAll(long now) throws IOException {
        long next = Long.MAX_VALUE;
        for (Flow flow : flows.values()) {
            while (flow.sender.poll(now, out)) {
                send(out, flow.peer, now);
            }
            if (flow.sender.isDone()) {
                finished.add(flow);
            } else {
                next = Math.min(next, Math.min(flow.sender.nextDeadline(), publishStats(flow, now)));
            }
        }
        for (Flow flow : finished) {
            flows.remove(flow.sender.connectionId());
            end(flow, flow.sender.failure().map(Object::toString).orElse(null));
        }
        finished.clear();
        flowCount = flows.size();
        return next;
    }

    /** Publishes the flow's statistics when due; returns when they are due next. */
    private long publishStats(Flow flow, long now) {
        if (now - flow.statsDue >= 0) {
            flow.statsDue = now + SenderStatsBoard.INTERVAL_NANOS;
            RudpSender.State state = flow.sender.state();
            if (state == RudpSender.State.SENDING || state == RudpSender.State.CLOSING) {
                stats.publish(flow.grant, flow.sender.stats());
            }
        }
        return flow.statsDue;
    }

    private void runAborts(long now) throws IOException {
        for (Object session = aborts.poll(); session != null; session = aborts.poll()) {
            for (Flow flow : flows.values()) {
                if (session == ALL || flow.grant.session() == session) {
                    flow.sender.abort();
                    while (flow.sender.poll(now, out)) {
                        send(out, flow.peer, now); // the RESET; pollAll then ends the flow
                    }
                }
            }
        }
    }

    private void end(Flow flow, String failure) {
        stats.remove(flow.grant);
        try {
            flow.file.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "closing " + flow.grant.file().path() + ": " + e);
        }
        onFinished.accept(flow.grant, failure);
    }

    private void send(ByteBuffer datagram, SocketAddress to, long now) throws IOException {
        if (impairment.active()) {
            impaired(datagram, to, false, now);
        } else {
            channel.send(datagram, to);
        }
    }

    /** The impairment path: drop, duplicate, corrupt, or hold back (copies the datagram). */
    private void impaired(ByteBuffer datagram, SocketAddress peer, boolean inbound, long now) throws IOException {
        if (impairment.drop()) {
            return;
        }
        int copies = impairment.copies();
        for (int i = 0; i < copies; i++) {
            ByteBuffer copy = ByteBuffer.allocate(datagram.remaining());
            copy.put(datagram.duplicate()).flip();
            impairment.corrupt(copy);
            long delay = impairment.delayNanos();
            if (delay > 0) {
                held.add(new Held(now + delay, copy, peer, inbound));
            } else {
                deliver(copy, peer, inbound, now);
            }
        }
    }

    private void releaseHeld(long now) throws IOException {
        while (!held.isEmpty() && held.peek().due() - now <= 0) {
            Held h = held.poll();
            deliver(h.datagram(), h.peer(), h.inbound(), now);
        }
    }

    private void deliver(ByteBuffer datagram, SocketAddress peer, boolean inbound, long now) throws IOException {
        if (inbound) {
            dispatch(datagram, peer, now);
        } else {
            channel.send(datagram, peer);
        }
    }

    @Override
    public void close() {
        closed = true; // the driver thread closes the channel on its way out
        selector.wakeup();
    }
}
