package dev.chat.daemon.transfer;

import java.nio.ByteBuffer;
import java.util.Random;

/**
 * The decisions of {@link ImpairmentSettings}, drawn from one seeded {@link Random}: pure, so a test
 * replays them exactly. The UDP endpoint asks, for each datagram, {@link #drop()}, then
 * {@link #copies()}, {@link #corrupt} and {@link #delayNanos()}, and keeps delayed datagrams in its
 * own queue. Not thread-safe: the endpoint's driver thread owns it.
 */
final class DatagramImpairer {
    private static final long MILLI = 1_000_000L;

    private final ImpairmentSettings settings;
    private final Random random;

    DatagramImpairer(ImpairmentSettings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
    }

    boolean active() {
        return settings.active();
    }

    boolean drop() {
        return settings.loss() > 0 && random.nextDouble() < settings.loss();
    }

    /** 1, or 2 when the datagram is duplicated. */
    int copies() {
        return settings.dup() > 0 && random.nextDouble() < settings.dup() ? 2 : 1;
    }

    /** Flips one random bit of {@code datagram} (position to limit) when the dice say so; true if it did. */
    boolean corrupt(ByteBuffer datagram) {
        if (settings.corrupt() <= 0 || datagram.remaining() == 0 || random.nextDouble() >= settings.corrupt()) {
            return false;
        }
        int index = datagram.position() + random.nextInt(datagram.remaining());
        datagram.put(index, (byte) (datagram.get(index) ^ (1 << random.nextInt(8))));
        return true;
    }

    /** How long to hold this datagram: the fixed delay, plus 1..4 ms for a reordered one. */
    long delayNanos() {
        long delay = settings.delayMillis() * MILLI;
        if (settings.reorder() > 0 && random.nextDouble() < settings.reorder()) {
            delay += MILLI + (long) (random.nextDouble() * 3 * MILLI);
        }
        return delay;
    }
}
