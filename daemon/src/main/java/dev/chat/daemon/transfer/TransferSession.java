package dev.chat.daemon.transfer;

import dev.chat.wire.frame.Download;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.TransferStats;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.Channel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One chat session's view of the transfer service: its grants count against its limit, and when
 * it {@linkplain #close() ends} its unclaimed grants are revoked and its running transfers stopped.
 * The session's reader calls {@link #request}; {@link #close} comes from its cleanup; the service's
 * timer thread calls {@link #offerStats}. Thread-safe.
 */
public final class TransferSession implements AutoCloseable {
    private final TransferService service;
    private final String who;
    private final boolean encrypted;
    /** The chat connection's address, or null when unknown (then any source may claim its UDP grants). */
    private final InetAddress peer;
    private final Consumer<TransferStats> stats;
    private final SlotBudget budget;
    private final Set<Channel> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    TransferSession(TransferService service, String who, Consumer<TransferStats> stats) {
        this(service, who, null, SlotBudget.UNLIMITED, false, stats);
    }

    /**
     * @param peer      the chat connection's address, or null (then any source may claim its UDP grants)
     * @param budget    what each of the session's slots also costs (its source address, the descriptors)
     * @param encrypted the chat session runs over TLS: its TCP data connections must too
     */
    TransferSession(TransferService service, String who, InetAddress peer, SlotBudget budget, boolean encrypted,
                    Consumer<TransferStats> stats) {
        this.service = service;
        this.peer = peer;
        this.budget = budget;
        this.who = who;
        this.encrypted = encrypted;
        this.stats = stats;
    }

    /**
     * Handles a {@code download}: TOO_MANY_TRANSFERS is thrown at once (a
     * {@link dev.chat.wire.ProtocolException}); otherwise the reply ({@code download_ready} or an
     * error) goes to {@code reply} later, from another thread.
     */
    public void request(Download download, Consumer<ServerFrame> reply) {
        service.request(this, download, reply);
    }

    /** Statistics of one of this session's UDP transfers; the sink may drop them (never blocks). */
    void offerStats(TransferStats frame) {
        if (!closed) {
            stats.accept(frame);
        }
    }

    /** What this session's slots cost beyond the per-session limit. */
    SlotBudget budget() {
        return budget;
    }

    /** True when a UDP handshake from {@code source} may speak for this session (its chat peer's address). */
    boolean mayClaimFrom(InetAddress source) {
        return peer == null || peer.equals(source);
    }

    String who() {
        return who;
    }

    /** True when the chat session runs over TLS: its TCP downloads must then be fetched over TLS too. */
    boolean encrypted() {
        return encrypted;
    }

    boolean isClosed() {
        return closed;
    }

    /** Registers a running TCP stream; false (and nothing registered) when the session already ended. */
    boolean track(Channel channel) {
        streams.add(channel);
        if (closed) {
            streams.remove(channel);
            return false;
        }
        return true;
    }

    void untrack(Channel channel) {
        streams.remove(channel);
    }

    @Override
    public void close() {
        closed = true;
        service.endSession(this);
        if (service.draining()) {
            return; // the daemon is shutting down: running streams get the grace period
        }
        for (Channel channel : streams) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing is all we wanted
            }
        }
    }
}
