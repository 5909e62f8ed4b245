package dev.chat.daemon.transfer;

/**
 * How the daemon's UDP endpoint damages datagrams, for demonstrations and tests ({@code --udp-loss}
 * and friends). Probabilities are 0..1 and apply to every datagram sent and received.
 *
 * @param loss    drop the datagram
 * @param dup     deliver it twice
 * @param reorder hold it back 1..4 ms (plus {@code delayMillis}) so later datagrams overtake it
 * @param delayMillis hold every datagram this long
 * @param corrupt flip one random bit
 * @param seed    seed of the decisions, so a run can be repeated
 */
public record ImpairmentSettings(double loss, double dup, double reorder, int delayMillis, double corrupt, long seed) {
    public static final ImpairmentSettings NONE = new ImpairmentSettings(0, 0, 0, 0, 0, 1);

    public ImpairmentSettings {
        requireProbability("loss", loss);
        requireProbability("dup", dup);
        requireProbability("reorder", reorder);
        requireProbability("corrupt", corrupt);
        if (delayMillis < 0 || delayMillis > 10_000) {
            throw new IllegalArgumentException("delay must be 0..10000 ms, not " + delayMillis);
        }
        if (loss >= 1) {
            throw new IllegalArgumentException("a loss of 1 would let nothing through");
        }
    }

    /** True when any impairment is on. */
    public boolean active() {
        return loss > 0 || dup > 0 || reorder > 0 || delayMillis > 0 || corrupt > 0;
    }

    private static void requireProbability(String what, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " must be a probability 0..1, not " + p);
        }
    }
}
