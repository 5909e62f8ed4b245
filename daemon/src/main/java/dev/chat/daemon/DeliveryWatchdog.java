package dev.chat.daemon;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Finds the readers that hold everyone else back, once per {@link #PERIOD}: a connection whose
 * writer made no progress for the stall timeout while frames waited (it is not reading), and,
 * when the room has held more than its budget for the stall timeout, the readers furthest behind.
 * Senders slow down before either happens ({@link Peer#deliverPaced}, {@link UserRegistry#broadcast});
 * a kick here is for the one that is not reading, never for a flood that outran everyone.
 *
 * <p>Threads: {@link #check} runs on the server's watchdog thread.
 */
final class DeliveryWatchdog {
    static final Duration PERIOD = Duration.ofSeconds(1);
    private static final System.Logger LOG = System.getLogger(DeliveryWatchdog.class.getName());

    private final Iterable<Outbox> outboxes;
    private final RoomLog room;
    private final DeliveryLimits limits;
    private final LongSupplier nanoClock;
    private long roomOverSince = -1;

    /** @param outboxes a live view of every open connection's outbox */
    DeliveryWatchdog(Iterable<Outbox> outboxes, RoomLog room, DeliveryLimits limits, LongSupplier nanoClock) {
        this.outboxes = outboxes;
        this.room = room;
        this.limits = limits;
        this.nanoClock = nanoClock;
    }

    /** One round; returns how many connections it kicked. */
    int check() {
        long now = nanoClock.getAsLong();
        int kicked = 0;
        for (Outbox outbox : outboxes) {
            if (outbox.stalled(now, limits.stallTimeout())) {
                outbox.kickForStall();
                kicked++;
            }
        }
        if (room.retainedBytes() <= limits.roomBytes()) {
            roomOverSince = -1;
        } else if (roomOverSince < 0) {
            roomOverSince = now;
        } else if (now - roomOverSince >= limits.stallTimeout().toNanos()) {
            for (Peer slowest : room.slowestReaders()) {
                if (slowest instanceof Outbox outbox) {
                    outbox.kickForStall();
                    kicked++;
                }
            }
            roomOverSince = -1;
        }
        if (kicked > 0) {
            LOG.log(Level.INFO, kicked + " connection(s) kicked for not reading within " + limits.stallTimeout());
        }
        return kicked;
    }
}
