package dev.chat.daemon.transfer;

/**
 * What a session's transfer slots cost beyond the session itself: the daemon charges each slot
 * (granted or running) against the session's source address and the descriptor budget. Called under
 * the transfer registry's lock, so implementations must not block.
 */
public interface SlotBudget {
    /** Nothing beyond the per-session limit (tests, and sessions that offer no downloads). */
    SlotBudget UNLIMITED = new SlotBudget() {
        @Override
        public String tryTake() {
            return null;
        }

        @Override
        public void give(int n) {
        }
    };

    /** Takes one slot; null when taken, otherwise why not (the TOO_MANY_TRANSFERS message). */
    String tryTake();

    /** Gives back {@code n} slots taken earlier. */
    void give(int n);
}
