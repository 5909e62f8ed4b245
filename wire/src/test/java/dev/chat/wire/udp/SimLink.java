package dev.chat.wire.udp;

import java.util.Random;
import java.util.function.Predicate;

/**
 * One direction of a simulated link: a bottleneck of fixed rate with a bounded FIFO (overflow is
 * dropped, like a router queue), then a propagation delay, with seeded random loss, duplication,
 * reordering (extra delay) and corruption (one flipped byte). Scheduling only: the network owns
 * the clock and the arrival queue.
 */
final class SimLink {
    interface Scheduler {
        void arrive(long time, byte[] datagram, SimLink link);
    }

    private final Random random;
    private LinkProfile impairment;
    private long busyUntil;
    private boolean dead;
    private Predicate<byte[]> dropFilter = d -> false;

    long sent;
    long dropped;
    long queueDrops;
    /** Random loss after the bottleneck (a lost datagram still took its time on the link), not before it. */
    boolean lossAfterQueue;
    /** The largest bottleneck backlog seen, in bytes (queueing delay x rate). */
    long maxBacklog;

    SimLink(LinkProfile impairment, long seed) {
        this.impairment = impairment;
        this.random = new Random(seed);
    }

    void setImpairment(LinkProfile impairment) {
        this.impairment = impairment;
    }

    /** A dead link drops everything (an outage). */
    void setDead(boolean dead) {
        this.dead = dead;
    }

    /** Drops exactly the datagrams this predicate selects (before any random impairment). */
    void setDropFilter(Predicate<byte[]> filter) {
        this.dropFilter = filter;
    }

    void send(long now, byte[] datagram, Scheduler scheduler) {
        sent++;
        LinkProfile im = impairment;
        if (dead || dropFilter.test(datagram)) {
            dropped++;
            return;
        }
        boolean lost = random.nextDouble() < im.loss();
        if (lost && !lossAfterQueue) {
            dropped++;
            return;
        }
        long departure = now;
        if (im.bytesPerSecond() > 0) {
            long start = Math.max(now, busyUntil);
            long backlogBytes = (start - now) * im.bytesPerSecond() / 1_000_000_000L;
            if (backlogBytes + datagram.length > im.queueBytes()) {
                queueDrops++;
                dropped++;
                return;
            }
            maxBacklog = Math.max(maxBacklog, backlogBytes + datagram.length);
            busyUntil = start + datagram.length * 1_000_000_000L / im.bytesPerSecond();
            departure = busyUntil;
        }
        if (lost) {
            dropped++; // it used the link, as a drop in the receiver's prerouting hook does
            return;
        }
        schedule(departure, datagram, im, scheduler);
        if (random.nextDouble() < im.duplicate()) {
            schedule(departure + random.nextInt(1000), datagram.clone(), im, scheduler);
        }
    }

    private void schedule(long departure, byte[] datagram, LinkProfile im, Scheduler scheduler) {
        long arrival = departure + im.delay();
        if (random.nextDouble() < im.reorder()) {
            arrival += (long) (random.nextDouble() * im.reorderDelay());
        }
        if (random.nextDouble() < im.corrupt()) {
            datagram = datagram.clone();
            datagram[random.nextInt(datagram.length)] ^= (byte) (1 + random.nextInt(255));
        }
        scheduler.arrive(arrival, datagram, this);
    }
}
