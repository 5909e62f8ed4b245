package dev.chat.bench;

/** Where every receiving client reports; called concurrently by all reader threads. */
interface DeliverySink {
    /** A stamped message arrived at {@code receivedNanos}. */
    void delivered(long stampNanos, long receivedNanos);

    /** The server reported an error, or the connection ended while the run still wanted it. */
    void error(String what);
}
