package dev.chat.wire.udp;

/**
 * What the sender remembers about each packet number it used, from the oldest one still in
 * flight to the newest: send time, size, which chunk it carried and its fate. A power-of-two ring
 * of parallel primitive arrays, so recording and looking up a packet allocates nothing; it grows
 * by doubling while the window grows and shrinks back when the transfer ends.
 */
final class SentPacketLog {
    static final byte IN_FLIGHT = 1;
    static final byte ACKED = 2;
    static final byte LOST = 3;
    /** Not a data packet (handshake-ack, close): never in flight, never an RTT sample. */
    static final byte CONTROL = 4;
    private static final int INITIAL_CAPACITY = 64;

    private long base;
    private long next;
    private long[] sentTime;
    private long[] chunk;
    private int[] size;
    private byte[] state;
    // delivery-rate state at send time (draft-cheng-iccrg-delivery-rate-estimation §3.2)
    private long[] delivered;
    private long[] deliveredTime;
    private long[] firstSentTime;
    private boolean[] appLimited;

    SentPacketLog() {
        allocate(INITIAL_CAPACITY);
    }

    private void allocate(int capacity) {
        sentTime = new long[capacity];
        chunk = new long[capacity];
        size = new int[capacity];
        state = new byte[capacity];
        delivered = new long[capacity];
        deliveredTime = new long[capacity];
        firstSentTime = new long[capacity];
        appLimited = new boolean[capacity];
    }

    /** Makes {@code pn} the next packet number (numbers used before the log existed). */
    void startAt(long pn) {
        base = pn;
        next = pn;
    }

    /** Records the next packet number and returns it. */
    long add(long now, long chunkIndex, int bytes, byte initialState) {
        if (next - base == state.length) {
            grow();
        }
        long pn = next++;
        int i = index(pn);
        sentTime[i] = now;
        chunk[i] = chunkIndex;
        size[i] = bytes;
        state[i] = initialState;
        trim();
        return pn;
    }

    private void grow() {
        long[] oldTime = sentTime;
        long[] oldChunk = chunk;
        int[] oldSize = size;
        byte[] oldState = state;
        long[] oldDelivered = delivered;
        long[] oldDeliveredTime = deliveredTime;
        long[] oldFirstSent = firstSentTime;
        boolean[] oldAppLimited = appLimited;
        int oldMask = oldState.length - 1;
        allocate(oldState.length * 2);
        for (long pn = base; pn < next; pn++) {
            int from = (int) (pn & oldMask);
            int to = index(pn);
            sentTime[to] = oldTime[from];
            chunk[to] = oldChunk[from];
            size[to] = oldSize[from];
            state[to] = oldState[from];
            delivered[to] = oldDelivered[from];
            deliveredTime[to] = oldDeliveredTime[from];
            firstSentTime[to] = oldFirstSent[from];
            appLimited[to] = oldAppLimited[from];
        }
    }

    /** Forgets packets from the oldest up to the first one still in flight. */
    void trim() {
        while (base < next && state[index(base)] != IN_FLIGHT) {
            base++;
        }
    }

    /** Frees the arrays (the transfer is over); packet numbers keep counting. */
    void clear() {
        base = next;
        allocate(1);
    }

    boolean contains(long pn) {
        return pn >= base && pn < next;
    }

    long base() {
        return base;
    }

    long next() {
        return next;
    }

    long sentTime(long pn) {
        return sentTime[index(pn)];
    }

    long chunk(long pn) {
        return chunk[index(pn)];
    }

    int size(long pn) {
        return size[index(pn)];
    }

    byte state(long pn) {
        return state[index(pn)];
    }

    /** Records the connection's delivery state when {@code pn} was sent. */
    void setRateState(long pn, long deliveredBytes, long deliveredAt, long firstSent, boolean limited) {
        int i = index(pn);
        delivered[i] = deliveredBytes;
        deliveredTime[i] = deliveredAt;
        firstSentTime[i] = firstSent;
        appLimited[i] = limited;
    }

    long delivered(long pn) {
        return delivered[index(pn)];
    }

    long deliveredTime(long pn) {
        return deliveredTime[index(pn)];
    }

    long firstSentTime(long pn) {
        return firstSentTime[index(pn)];
    }

    boolean appLimited(long pn) {
        return appLimited[index(pn)];
    }

    void setState(long pn, byte newState) {
        state[index(pn)] = newState;
    }

    /** Packets remembered (in flight, or resolved but younger than the oldest in flight). */
    int tracked() {
        return (int) (next - base);
    }

    int capacity() {
        return state.length;
    }

    private int index(long pn) {
        return (int) (pn & (state.length - 1));
    }
}
