package dev.chat.wire.udp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A sender and a receiver joined by two {@link SimLink}s, run by a discrete-event loop on a fake
 * clock: it polls both endpoints dry, then jumps to the earliest of the next arrival and the two
 * endpoints' deadlines. Every run is bounded in iterations and simulated time; a state machine
 * that claims a deadline in the past yet sends nothing is caught as a livelock.
 */
final class SimNetwork {
    /** Observes every datagram an endpoint emits, at its emission time. */
    interface Tap {
        void emitted(long time, boolean fromSender, ByteBuffer datagram);
    }

    private record Arrival(long time, long seq, byte[] datagram, boolean toReceiver) {}

    static final long START = 1_000_000_000L; // arbitrary non-zero epoch: no code may assume 0

    final SimLink toReceiver;
    final SimLink toSender;
    RudpSender sender;
    RudpReceiver receiver;
    long now = START;
    long iterations;
    final List<Tap> taps = new ArrayList<>();
    private final PriorityQueue<Arrival> arrivals = new PriorityQueue<>(
            (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    private long seq;
    private final PriorityQueue<Arrival> actions = new PriorityQueue<>(
            (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    private final java.util.Map<Long, Runnable> actionBodies = new java.util.HashMap<>();

    /** Runs {@code action} when the fake clock reaches {@code time} (link outages and the like). */
    void at(long time, Runnable action) {
        long id = seq++;
        actions.add(new Arrival(time, id, null, false));
        actionBodies.put(id, action);
    }
    private final ByteBuffer out = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM);

    SimNetwork(LinkProfile forward, LinkProfile backward, long seed) {
        this.toReceiver = new SimLink(forward, seed);
        this.toSender = new SimLink(backward, seed * 31 + 7);
    }

    /** Runs until both sides are done, or a bound is hit; returns the simulated nanos elapsed. */
    long run(long maxSimNanos, long maxIterations) {
        long begin = now;
        int spins = 0;
        while (!(sender.isDone() && receiver.isDone())) {
            if (++iterations > maxIterations) {
                throw new AssertionError("iteration bound hit at " + (now - begin) / 1e9 + " s");
            }
            boolean sent = drain();
            long next = nextEvent();
            if (next == Long.MAX_VALUE) {
                break; // nothing can ever happen again
            }
            if (next <= now) {
                spins = sent ? 0 : spins + 1;
                if (spins > 1000) {
                    throw new AssertionError("livelock: deadline in the past but nothing to send");
                }
                next = now;
            } else {
                spins = 0;
            }
            if (next - begin > maxSimNanos) {
                now = begin + maxSimNanos;
                break;
            }
            now = next;
            deliverDue();
        }
        return now - begin;
    }

    /** Advances the fake clock to {@code until}, running everything due meanwhile. */
    void runUntil(long until, long maxIterations) {
        long budget = maxIterations;
        while (now < until && budget-- > 0) {
            drain();
            long next = Math.max(now + 1, Math.min(nextEvent(), until));
            now = Math.min(next, until);
            deliverDue();
        }
        drain();
    }

    private long nextEvent() {
        long next = Math.min(sender.nextDeadline(), receiver.nextDeadline());
        next = actions.isEmpty() ? next : Math.min(next, actions.peek().time);
        return arrivals.isEmpty() ? next : Math.min(next, arrivals.peek().time);
    }

    private boolean drain() {
        boolean any = false;
        for (int round = 0; round < 1_000_000; round++) {
            boolean progress = false;
            if (sender.poll(now, out)) {
                emit(true);
                progress = true;
            }
            if (receiver.poll(now, out)) {
                emit(false);
                progress = true;
            }
            if (!progress) {
                return any;
            }
            any = true;
        }
        throw new AssertionError("an endpoint never stops sending");
    }

    private void emit(boolean fromSender) {
        for (Tap tap : taps) {
            tap.emitted(now, fromSender, out.duplicate());
        }
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        (fromSender ? toReceiver : toSender).send(now, bytes,
                (time, d, link) -> arrivals.add(new Arrival(time, seq++, d, fromSender)));
    }

    private void deliverDue() {
        while (!actions.isEmpty() && actions.peek().time <= now) {
            actionBodies.remove(actions.poll().seq).run();
        }
        while (!arrivals.isEmpty() && arrivals.peek().time <= now) {
            Arrival a = arrivals.poll();
            ByteBuffer d = ByteBuffer.wrap(a.datagram);
            if (a.toReceiver) {
                receiver.onDatagram(d, now);
            } else {
                sender.onDatagram(d, now);
            }
        }
    }
}
