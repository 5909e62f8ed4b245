package dev.chat.wire.udp;

/**
 * What one direction of the simulated link does to datagrams. Rates in bytes per second (0 means
 * unlimited), probabilities 0..1, times in nanos.
 */
record Impairment(long delay, double loss, double duplicate, double reorder, long reorderDelay,
        double corrupt, long bytesPerSecond, long queueBytes) {

    static final long MS = 1_000_000L;

    static Impairment clean(long delay) {
        return new Impairment(delay, 0, 0, 0, 0, 0, 0, 0);
    }

    Impairment withLoss(double p) {
        return new Impairment(delay, p, duplicate, reorder, reorderDelay, corrupt, bytesPerSecond, queueBytes);
    }

    Impairment withDuplicate(double p) {
        return new Impairment(delay, loss, p, reorder, reorderDelay, corrupt, bytesPerSecond, queueBytes);
    }

    Impairment withReorder(double p, long extraDelay) {
        return new Impairment(delay, loss, duplicate, p, extraDelay, corrupt, bytesPerSecond, queueBytes);
    }

    Impairment withCorrupt(double p) {
        return new Impairment(delay, loss, duplicate, reorder, reorderDelay, p, bytesPerSecond, queueBytes);
    }

    Impairment withBandwidth(long bytesPerSecond, long queueBytes) {
        return new Impairment(delay, loss, duplicate, reorder, reorderDelay, corrupt, bytesPerSecond, queueBytes);
    }
}
