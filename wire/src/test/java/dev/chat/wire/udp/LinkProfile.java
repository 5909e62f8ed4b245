package dev.chat.wire.udp;

/**
 * What one direction of the simulated link does to datagrams. Rates in bytes per second (0 means
 * unlimited), probabilities 0..1, times in nanos.
 */
record LinkProfile(long delay, double loss, double duplicate, double reorder, long reorderDelay,
        double corrupt, long bytesPerSecond, long queueBytes) {

    static final long MS = 1_000_000L;

    static LinkProfile clean(long delay) {
        return new LinkProfile(delay, 0, 0, 0, 0, 0, 0, 0);
    }

    LinkProfile withLoss(double p) {
        return new LinkProfile(delay, p, duplicate, reorder, reorderDelay, corrupt, bytesPerSecond, queueBytes);
    }

    LinkProfile withDuplicate(double p) {
        return new LinkProfile(delay, loss, p, reorder, reorderDelay, corrupt, bytesPerSecond, queueBytes);
    }

    LinkProfile withReorder(double p, long extraDelay) {
        return new LinkProfile(delay, loss, duplicate, p, extraDelay, corrupt, bytesPerSecond, queueBytes);
    }

    LinkProfile withCorrupt(double p) {
        return new LinkProfile(delay, loss, duplicate, reorder, reorderDelay, p, bytesPerSecond, queueBytes);
    }

    LinkProfile withBandwidth(long bytesPerSecond, long queueBytes) {
        return new LinkProfile(delay, loss, duplicate, reorder, reorderDelay, corrupt, bytesPerSecond, queueBytes);
    }
}
