package dev.chat.daemon.transfer;

import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.Transport;
import dev.chat.wire.udp.AddressValidator;
import dev.chat.wire.udp.EndpointCodec;
import dev.chat.wire.udp.FailureReason;
import dev.chat.wire.udp.RudpConfig;
import dev.chat.wire.udp.RudpSender;
import dev.chat.wire.udp.RudpWire;
import dev.chat.wire.udp.TransferFailure;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * The daemon's one UDP socket for reliable-UDP downloads, bound to the TCP port's number. One
 * driver thread ({@link #run()}) owns the channel and every {@link RudpSender}: it demultiplexes
 * datagrams by connection id (= transfer id), creates a sender when a HANDSHAKE sealed under a
 * pending grant's keys arrives from a validated address (PROTOCOL.md §16.8.2: from the chat peer's
 * address unless {@code --udp-any-source}; without a valid retry cookie it earns one RETRY, smaller
 * than itself, and nothing else; anything unauthenticated earns nothing), polls senders until their deadlines, and
 * sleeps in the selector until the next deadline or datagram. Receive and send buffers are reused; only the
 * impairment path copies datagrams. Every 250 ms it publishes each running sender's statistics to a
 * {@link SenderStatsBoard}, from which another thread sends them to the sessions: the driver never
 * waits on a chat connection. Other threads only call {@link #abort} and {@link #close}.
 */
final class UdpEndpoint implements Runnable, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UdpEndpoint.class.getName());
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

    /** What {@link #abort} asked for: which running transfers to end. */
    private sealed interface Abort {
        boolean covers(Grant grant);
    }

    private record AbortSession(TransferSession session) implements Abort {
        @Override
        public boolean covers(Grant grant) {
            return grant.session() == session;
        }
    }

    private record AbortAll() implements Abort {
        @Override
        public boolean covers(Grant grant) {
            return true;
        }
    }

    private final DatagramChannel channel;
    private final Selector selector;
    private final TransferRegistry registry;
    private final RudpConfig config;
    private final DatagramImpairer impairment;
    private final BiConsumer<Grant, Optional<TransferFailure>> onFinished;
    private final SenderStatsBoard stats;
    private final Map<Long, Flow> flows = new HashMap<>();
    private volatile int flowCount;
    private final Queue<Abort> aborts = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Held> held = new PriorityQueue<>((a, b) -> Long.compare(a.due(), b.due()));
    /** Retry cookies outlive the idle timeout, so one RETRY serves every repeat of a handshake. */
    private static final long COOKIE_LIFETIME_NANOS = TimeUnit.SECONDS.toNanos(30);

    // Heap buffers: the JDK's AES-GCM is about twice as fast on arrays as on direct buffers, which
    // outweighs the copy the channel makes into its own direct buffer.
    private final ByteBuffer in = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM + 1);
    private final ByteBuffer out;
    private final ByteBuffer retry = ByteBuffer.allocate(EndpointCodec.RETRY_BYTES);
    private final EndpointCodec codec = new EndpointCodec();
    private final AddressValidator cookies = new AddressValidator(secret(), COOKIE_LIFETIME_NANOS);
    private final boolean anySource;
    /** Datagrams for a pending grant dropped before any sender existed: unauthenticated or from a refused source. */
    private volatile long refusedHandshakes;
    /** RETRYs sent. */
    private volatile long retries;
    private final List<Flow> finished = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param onFinished told (on the driver thread) when a claimed transfer ends: its grant, and
     *                   empty on success or the failure
     * @param stats      where the driver publishes each running sender's statistics every 250 ms
     */
    UdpEndpoint(InetSocketAddress address, TransferRegistry registry, RudpConfig config, DatagramImpairer impairment,
                BiConsumer<Grant, Optional<TransferFailure>> onFinished, SenderStatsBoard stats, boolean anySource)
            throws IOException {
        this.anySource = anySource;
        this.registry = registry;
        this.stats = stats;
        this.config = config;
        this.impairment = impairment;
        this.onFinished = onFinished;
        this.out = ByteBuffer.allocate(config.maxDatagramSize());
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
    void abort(TransferSession session) {
        request(new AbortSession(session));
    }

    /** Ends every transfer (the daemon's grace is over): each peer gets a RESET. Any thread. */
    void abortAll() {
        request(new AbortAll());
    }

    private void request(Abort abort) {
        aborts.add(abort);
        selector.wakeup();
    }

    private static byte[] secret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    /** Handshakes dropped before a sender existed: unauthenticated, or from a source the session may not use. */
    long refusedHandshakes() {
        return refusedHandshakes;
    }

    /** RETRYs sent (address challenges). */
    long retries() {
        return retries;
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
                end(flow, Optional.of(new TransferFailure(FailureReason.ABORTED, false))); // the daemon closes
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

    /**
     * A datagram for no running transfer (PROTOCOL.md §16.5, §16.8.2). Only a HANDSHAKE sealed under
     * a pending UDP grant's keys, from the session's chat address (or any, with
     * {@code --udp-any-source}), is looked at: without a valid cookie for its source it earns one
     * RETRY, smaller than itself, so a spoofed source gets less than it sent; with one it claims the
     * grant. Anything else, a handshake for an unknown connection id included, is dropped
     * unanswered: no answer tells a scanner which ids exist, and nothing unauthenticated costs more
     * than the check.
     */
    private Flow open(long id, ByteBuffer datagram, SocketAddress from, long now) throws IOException {
        Grant pending = registry.pending(id);
        if (pending == null || pending.keys() == null) {
            return null;
        }
        InetSocketAddress source = (InetSocketAddress) from;
        Optional<EndpointCodec.Handshake> handshake = codec.handshake(datagram, pending.keys());
        if (handshake.isEmpty() || !(anySource || pending.session().mayClaimFrom(source.getAddress()))) {
            refusedHandshakes++;
            return null;
        }
        byte[] address = source.getAddress().getAddress();
        byte[] cookie = handshake.get().cookie();
        if (cookie == null || !cookies.check(id, address, source.getPort(), cookie, now)) {
            codec.retry(retry, id, pending.keys(), cookies.mint(id, address, source.getPort(), now));
            retries++;
            send(retry, from, now);
            return null;
        }
        Grant grant;
        try {
            grant = registry.claim(id, pending.token(), Transport.UDP);
        } catch (ProtocolException e) {
            return null; // expired or claimed since the first look
        }
        FileChannel file = grant.file().channel(); // opened at grant time: no open (nor a FIFO's wait) here
        RudpSender sender = new RudpSender(config, id, grant.keys(), new ReadAheadSource(file), grant.file().size(), now);
        Flow flow = new Flow(grant, sender, file, from, now);
        flows.put(id, flow);
        flowCount = flows.size();
        return flow;
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
            end(flow, flow.sender.failure());
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
        for (Abort abort = aborts.poll(); abort != null; abort = aborts.poll()) {
            for (Flow flow : flows.values()) {
                if (abort.covers(flow.grant)) {
                    flow.sender.abort();
                    while (flow.sender.poll(now, out)) {
                        send(out, flow.peer, now); // the RESET; pollAll then ends the flow
                    }
                }
            }
        }
    }

    private void end(Flow flow, Optional<TransferFailure> failure) {
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
