package dev.chat.daemon;

import dev.chat.daemon.transfer.SlotBudget;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Per-source budgets ({@link SourceLimits}) and the global descriptor budget ({@link FdBudget}),
 * checked by the accept thread before a connection gets a thread. A source is an IPv4 address or an
 * IPv6 /64; every 127.x address is its own source. An admitted connection holds a {@link Ticket}
 * until it ends; the ticket also charges the connection's downloads against its source. A data
 * connection counts as a new and an open connection only until it claims a grant: from then on the
 * grant's transfer slot bounds it ({@link Ticket#claimedGrant()}).
 *
 * <p>Cost: O(1) per admission under one short lock; never blocks on I/O. A source with nothing open
 * is kept only while its window remembers connections, and at most {@link #MAX_TRACKED} sources are
 * tracked (beyond that the idle ones are forgotten first). Thread-safe; the clock is injected.
 */
final class SourceBudgets {
    /** Sources remembered at once; an attacker with many addresses cannot grow the map beyond it. */
    static final int MAX_TRACKED = 65_536;

    /** The outcome of {@link #admit}: a ticket, or why not. */
    sealed interface Admission permits Admitted, Refused {
    }

    record Admitted(Ticket ticket) implements Admission {
    }

    /** @param fds true when the daemon is out of descriptors (SERVER_FULL), false for a source limit */
    record Refused(boolean fds, String reason) implements Admission {
    }

    /** One source's use. Guarded by the budgets' lock. */
    private static final class Source {
        int open;
        int transfers;
        final ArrayDeque<Long> recent = new ArrayDeque<>();

        boolean idle() {
            return open == 0 && transfers == 0 && recent.isEmpty();
        }
    }

    private final SourceLimits limits;
    private final int maxConcurrent;
    private final long windowNanos;
    private final FdBudget fds;
    private final LongSupplier clock;
    private final Map<String, Source> sources = new LinkedHashMap<>();

    SourceBudgets(SourceLimits limits, int maxClients, FdBudget fds, LongSupplier nanoClock) {
        this.limits = limits;
        this.maxConcurrent = limits.concurrentFor(maxClients);
        this.windowNanos = limits.window().toNanos();
        this.fds = fds;
        this.clock = nanoClock;
    }

    /** Connections one source may hold at once (after the share of --max-clients). */
    int maxConcurrent() {
        return maxConcurrent;
    }

    /** Admits a connection from {@code address} or says why not; an exempt address skips the per-source limits. */
    Admission admit(InetAddress address) {
        if (!fds.tryTake()) {
            return new Refused(true, "the server is out of file descriptors; try again later");
        }
        if (exempt(address)) {
            return new Admitted(new Ticket(null, null, 0));
        }
        String key = key(address);
        long now = clock.getAsLong();
        synchronized (this) {
            Source source = sources.get(key);
            if (source == null) {
                makeRoom(now);
                source = new Source();
                sources.put(key, source);
            }
            forget(source, now);
            String refusal = source.open >= maxConcurrent
                    ? "too many connections from " + key + " (" + maxConcurrent + " at once); close some first"
                    : source.recent.size() >= limits.maxNew()
                    ? "too many new connections from " + key + " (" + limits.maxNew() + " per "
                            + limits.window().toSeconds() + " s); try again later"
                    : null;
            if (refusal != null) {
                drop(key, source);
                fds.give(1);
                return new Refused(false, refusal);
            }
            source.open++;
            source.recent.addLast(now);
            return new Admitted(new Ticket(key, source, now));
        }
    }

    /** Sources tracked now (tests). */
    synchronized int tracked() {
        return sources.size();
    }

    private boolean exempt(InetAddress address) {
        for (Cidr block : limits.exempt()) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private void forget(Source source, long now) {
        while (!source.recent.isEmpty() && now - source.recent.peekFirst() >= windowNanos) {
            source.recent.removeFirst();
        }
    }

    private void drop(String key, Source source) {
        if (source.idle()) {
            sources.remove(key, source); // a forgotten source may have been replaced under its key
        }
    }

    /** At the cap: forget expired windows, then the oldest idle sources. */
    private void makeRoom(long now) {
        if (sources.size() < MAX_TRACKED) {
            return;
        }
        for (Iterator<Source> it = sources.values().iterator(); it.hasNext(); ) {
            Source source = it.next();
            forget(source, now);
            if (source.idle()) {
                it.remove();
            }
        }
        for (Iterator<Source> it = sources.values().iterator(); it.hasNext() && sources.size() >= MAX_TRACKED; ) {
            Source source = it.next();
            if (source.open == 0 && source.transfers == 0) {
                it.remove(); // forgets its window: lenient to that source, but the map stays bounded
            }
        }
    }

    /**
     * The source key: the IPv4 address, or the first 64 bits of an IPv6 address as {@code a:b:c:d::/64}.
     * IPv4-mapped IPv6 addresses count as their IPv4 address.
     */
    static String key(InetAddress address) {
        InetAddress canonical = canonical(address);
        if (canonical instanceof Inet4Address) {
            return canonical.getHostAddress();
        }
        byte[] bytes = canonical.getAddress();
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            key.append(Integer.toHexString((bytes[i] & 0xFF) << 8 | bytes[i + 1] & 0xFF)).append(':');
        }
        return key.append(":/64").toString();
    }

    /** An IPv4-mapped IPv6 address as the IPv4 address; any other address unchanged. */
    static InetAddress canonical(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean mapped = b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = b[i] == 0;
            }
            if (mapped) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e); // four bytes are always an address
                }
            }
        }
        return address;
    }

    /**
     * One admitted connection's hold on its source and on a descriptor; {@link #close()} gives both
     * back (idempotent). Its {@link #transfers()} budget charges downloads against the source and the
     * descriptor budget. A data connection that claims a grant gives its place back early
     * ({@link #claimedGrant()}). Thread-safe.
     */
    final class Ticket implements AutoCloseable {
        private final String key;
        private final Source source;
        private final long admittedAt;
        private final AtomicBoolean closed = new AtomicBoolean();
        /** Whether this connection still counts among its source's open ones; guarded by the budgets' lock. */
        private boolean holdsPlace = true;

        private Ticket(String key, Source source, long admittedAt) {
            this.key = key;
            this.source = source;
            this.admittedAt = admittedAt;
        }

        /**
         * This connection is a data connection that claimed a live grant: it stops counting as a new
         * and as an open connection of its source. The grant's transfer slot, charged against the
         * requesting session and its source ({@link #transfers()}), bounds data connections already;
         * charging them again here let one address start only {@code --new-per-source} downloads per
         * window. A token is given back once per claimed grant, and a grant is claimed once, so no
         * source gains connections it did not pay for with a grant. The descriptor stays taken until
         * {@link #close()}.
         */
        void claimedGrant() {
            if (source == null) {
                return;
            }
            synchronized (SourceBudgets.this) {
                if (!holdsPlace) {
                    return;
                }
                holdsPlace = false;
                source.open--;
                source.recent.removeFirstOccurrence(admittedAt);
                drop(key, source);
            }
        }

        /** This connection's downloads as a budget: each slot takes a descriptor and a share of the source's. */
        SlotBudget transfers() {
            return new SlotBudget() {
                @Override
                public String tryTake() {
                    return takeTransfer(source);
                }

                @Override
                public void give(int n) {
                    giveTransfers(key, source, n);
                }
            };
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            fds.give(1);
            if (source != null) {
                synchronized (SourceBudgets.this) {
                    if (holdsPlace) {
                        holdsPlace = false;
                        source.open--;
                    }
                    drop(key, source);
                }
            }
        }
    }

    private String takeTransfer(Source source) {
        if (!fds.tryTake()) {
            return "the server is out of file descriptors; try again later";
        }
        if (source == null) {
            return null;
        }
        synchronized (this) {
            if (source.transfers >= limits.maxTransfers()) {
                fds.give(1);
                return "at most " + limits.maxTransfers() + " transfers at once per address";
            }
            source.transfers++;
            return null;
        }
    }

    private void giveTransfers(String key, Source source, int n) {
        fds.give(n);
        if (source != null) {
            synchronized (this) {
                source.transfers = Math.max(0, source.transfers - n);
                drop(key, source);
            }
        }
    }
}
