package dev.chat.wire.udp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Several transfers whose data share one bottleneck {@link SimLink} (and whose acks share one
 * return link), on one fake clock: datagrams are routed to their endpoint by connection id.
 * Flows may start late. Bounded like {@link SimNetwork}.
 */
final class SharedBottleneck {
    private record Arrival(long time, long seq, byte[] datagram, boolean toReceiver) {}

    /** One transfer: its endpoints, when it starts, and when it finished. */
    static final class Flow {
        final RudpSender sender;
        final RudpReceiver receiver;
        final MemoryFile.Sink sink;
        final byte[] data;
        final long start;
        long finished;

        Flow(RudpSender sender, RudpReceiver receiver, MemoryFile.Sink sink, byte[] data, long start) {
            this.sender = sender;
            this.receiver = receiver;
            this.sink = sink;
            this.data = data;
            this.start = start;
        }

        boolean done() {
            return sender.isDone() && receiver.isDone();
        }
    }

    final SimLink toReceivers;
    final SimLink toSenders;
    final List<Flow> flows = new ArrayList<>();
    long now = SimNetwork.START;
    private long seq;
    private final PriorityQueue<Arrival> arrivals = new PriorityQueue<>(
            (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    private final ByteBuffer out = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM);

    SharedBottleneck(LinkProfile forward, LinkProfile backward, long seed) {
        this.toReceivers = new SimLink(forward, seed);
        this.toSenders = new SimLink(backward, seed * 31 + 7);
    }

    /** Adds a transfer of {@code data} (connection id {@code 1 + index}) starting at {@code start}. */
    Flow add(byte[] data, RudpConfig config, long start) {
        long id = flows.size() + 1;
        MemoryFile.Sink sink = new MemoryFile.Sink(data.length);
        RudpSender s = new RudpSender(config, id, Transfer.KEYS, MemoryFile.source(data), data.length, start);
        RudpReceiver r = new RudpReceiver(config, id, Transfer.KEYS, 0, sink, start);
        Flow f = new Flow(s, r, sink, data, start);
        flows.add(f);
        return f;
    }

    /** Runs until every flow is done (true) or the clock reaches {@code until} (false). */
    boolean runUntil(long until, long maxIterations) {
        for (long i = 0; i < maxIterations; i++) {
            boolean all = true;
            long next = Long.MAX_VALUE;
            for (Flow f : flows) {
                if (f.start > now) {
                    next = Math.min(next, f.start);
                    all = false;
                    continue;
                }
                drain(f);
                if (f.done()) {
                    f.finished = f.finished == 0 ? now : f.finished;
                    continue;
                }
                all = false;
                next = Math.min(next, Math.min(f.sender.nextDeadline(), f.receiver.nextDeadline()));
            }
            if (all) {
                return true;
            }
            if (!arrivals.isEmpty()) {
                next = Math.min(next, arrivals.peek().time);
            }
            if (next > until) {
                now = until;
                return false;
            }
            now = Math.max(now, next);
            deliverDue();
        }
        throw new AssertionError("iteration bound hit at " + (now - SimNetwork.START) / 1e9 + " s");
    }

    private void drain(Flow f) {
        for (int round = 0; round < 1_000_000; round++) {
            boolean progress = false;
            if (f.sender.poll(now, out)) {
                emit(toReceivers, true);
                progress = true;
            }
            if (f.receiver.poll(now, out)) {
                emit(toSenders, false);
                progress = true;
            }
            if (!progress) {
                return;
            }
        }
        throw new AssertionError("an endpoint never stops sending");
    }

    private void emit(SimLink link, boolean toReceiver) {
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        link.send(now, bytes, (time, d, l) -> arrivals.add(new Arrival(time, seq++, d, toReceiver)));
    }

    private void deliverDue() {
        while (!arrivals.isEmpty() && arrivals.peek().time <= now) {
            Arrival a = arrivals.poll();
            ByteBuffer d = ByteBuffer.wrap(a.datagram);
            long id = RudpWire.connectionIdOf(d);
            if (id < 1 || id > flows.size()) {
                continue; // mangled beyond recognition
            }
            Flow f = flows.get((int) id - 1);
            if (a.toReceiver) {
                f.receiver.onDatagram(d, now);
            } else {
                f.sender.onDatagram(d, now);
            }
        }
    }
}
