package dev.chat.daemon.store;

/**
 * Told by the writer thread after each commit, before the batch's futures complete. For metrics
 * and tests; must not block.
 */
@FunctionalInterface
public interface CommitListener {
    CommitListener NONE = (writes, nanos) -> { };

    /**
     * @param writes the writes this transaction committed (including ones that failed on their own)
     * @param nanos  how long the commit itself (with its fsync) took
     */
    void committed(int writes, long nanos);
}
