package dev.chat.daemon;

import dev.chat.wire.Limits;

import java.time.Duration;

/**
 * The bounds of delivery: per connection, for the room and for the daemon as a whole.
 *
 * @param queueFrames     frames a connection's own queue holds before it is kicked (hard bound)
 * @param queueBytes      bytes a connection's own queue holds before it is kicked (hard bound)
 * @param softQueueBytes  over this, paced senders (private messages, pages) wait for the reader
 * @param stallTimeout    a connection whose writer made no progress for this long with frames
 *                        waiting, or that kept a paced sender waiting this long, is kicked; so is
 *                        the slowest reader when the room has been over its budget this long
 * @param roomBytes       bytes of room events kept for readers that are behind (the slowest
 *                        reader holds them); over it, broadcasters wait
 * @param memoryBytes     all connections' queues plus the room together; over it, paced senders wait
 * @param fanoutPerSecond bytes x recipients a sender may cause per second (sustained); a broadcast
 *                        over it is delivered, then its sender's socket is not read until the
 *                        debt is paid (fakelag); 0 turns the charge off
 * @param fanoutBurst     bytes x recipients a sender may cause at once
 * @param socketSendBuffer SO_SNDBUF of chat sockets, so slow readers hold bounded kernel memory
 *                        (0 leaves the kernel's default)
 */
public record DeliveryLimits(int queueFrames, long queueBytes, long softQueueBytes, Duration stallTimeout,
                      long roomBytes, long memoryBytes, long fanoutPerSecond, long fanoutBurst,
                      int socketSendBuffer) {
    public static final DeliveryLimits DEFAULTS = new DeliveryLimits(4096, 1 << 20, 256 << 10,
            Duration.ofSeconds(15), 64L << 20, 256L << 20, 4L << 20, 8L << 20, 64 << 10);

    public DeliveryLimits {
        if (queueFrames < 1 || queueBytes < 1) {
            throw new IllegalArgumentException("a connection's queue must hold at least one frame");
        }
        if (softQueueBytes < 1 || softQueueBytes > queueBytes) {
            throw new IllegalArgumentException("the soft queue bound must be between 1 and the hard bound");
        }
        if (stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("the stall timeout must be positive");
        }
        if (roomBytes < Limits.MAX_LINE_BYTES || memoryBytes < roomBytes) {
            throw new IllegalArgumentException("the room budget must hold a line and fit in the memory budget");
        }
        if (fanoutPerSecond < 0 || fanoutBurst < 0 || socketSendBuffer < 0) {
            throw new IllegalArgumentException("fan-out budget and send buffer must not be negative");
        }
    }

    public DeliveryLimits withQueue(int frames, long bytes) {
        return new DeliveryLimits(frames, bytes, Math.min(softQueueBytes, bytes), stallTimeout, roomBytes,
                memoryBytes, fanoutPerSecond, fanoutBurst, socketSendBuffer);
    }
}
