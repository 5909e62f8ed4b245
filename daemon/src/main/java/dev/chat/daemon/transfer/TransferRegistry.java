package dev.chat.daemon.transfer;

import dev.chat.daemon.transfer.SharedFolder.SharedFile;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.Limits;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.Transport;
import dev.chat.wire.udp.RudpKeys;
import dev.chat.wire.udp.TransferToken;

import java.time.Duration;
import java.util.HexFormat;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Grants and their tokens, and the per-session transfer limit. A session first reserves a slot
 * ({@link #reserve}, refused with TOO_MANY_TRANSFERS over the limit), then turns it into a grant or
 * gives it back. A grant is claimed at most once, with its token, within the token lifetime; the slot
 * stays taken until the transfer {@link #finish finishes}. Unclaimed grants past their lifetime are
 * dropped lazily (on every call), in O(expired): grants wait in a queue in the order they were
 * made, which with one lifetime for all is the order they expire, so a call looks at the expired
 * ones and one more, never at every grant held (a flood of forged claims must not cost a walk of
 * thousands of grants each). A grant holds its file open; whoever drops a grant (expiry, the
 * session's end, shutdown, {@link #finish}) closes it. Thread-safe; the
 * clock is injected.
 */
final class TransferRegistry {
    private final int maxPerSession;
    private final long tokenTtlNanos;
    private final LongSupplier clock;
    private final RandomGenerator random;
    private final Map<Long, Grant> unclaimed = new HashMap<>();
    /** Unclaimed grants by age, oldest first; claimed or revoked ones stay until they reach the head. */
    private final ArrayDeque<Grant> byAge = new ArrayDeque<>();
    /** Queue entries expire() has looked at (tests: the work is proportional to what expired). */
    private long expiryChecks;
    private final Map<TransferSession, Integer> slots = new HashMap<>();
    /** What each session's slots also cost (its source, the descriptor budget); given back with the slot. */
    private final Map<TransferSession, SlotBudget> budgets = new HashMap<>();
    private boolean closedToNew;

    TransferRegistry(int maxPerSession, Duration tokenTtl, LongSupplier nanoClock, RandomGenerator random) {
        this.maxPerSession = maxPerSession;
        this.tokenTtlNanos = tokenTtl.toNanos();
        this.clock = nanoClock;
        this.random = random;
    }

    /** Takes one of {@code session}'s slots or refuses with TOO_MANY_TRANSFERS (answering {@code re}). */
    synchronized void reserve(TransferSession session, long re) {
        reserve(session, SlotBudget.UNLIMITED, re);
    }

    /** As {@link #reserve(TransferSession, long)}, the slot also charged to {@code budget} (refused when it is spent). */
    synchronized void reserve(TransferSession session, SlotBudget budget, long re) {
        expire();
        if (closedToNew) {
            throw shuttingDown(re);
        }
        int used = slots.getOrDefault(session, 0);
        if (used >= maxPerSession) {
            throw new ProtocolException(ErrorCode.TOO_MANY_TRANSFERS,
                    "at most " + maxPerSession + " transfers at once per session", re);
        }
        String refusal = budget.tryTake();
        if (refusal != null) {
            throw new ProtocolException(ErrorCode.TOO_MANY_TRANSFERS, refusal, re);
        }
        slots.put(session, used + 1);
        budgets.put(session, budget);
    }

    /** Gives back a slot whose request failed, or whose transfer ended. */
    synchronized void release(TransferSession session) {
        Integer used = slots.get(session);
        if (used == null) {
            return;
        }
        if (used <= 1) {
            slots.remove(session);
            budgets.remove(session).give(1);
        } else {
            slots.put(session, used - 1);
            budgets.get(session).give(1);
        }
    }

    /** Turns a reserved slot into a grant with a fresh transfer id and token. */
    synchronized Grant grant(TransferSession session, SharedFile file, String sha256, long offset, Transport protocol) {
        expire();
        if (closedToNew) {
            throw shuttingDown(null);
        }
        long transfer;
        do {
            transfer = 1 + (random.nextLong() & Limits.MAX_ID) % Limits.MAX_ID;
        } while (unclaimed.containsKey(transfer));
        String udpKey = null;
        RudpKeys keys = null;
        if (protocol == Transport.UDP) {
            byte[] secret = RudpKeys.randomSecret(random);
            udpKey = HexFormat.of().formatHex(secret);
            keys = RudpKeys.derive(secret, transfer);
        }
        Grant grant = new Grant(transfer, TransferToken.random(random), session, file, sha256, offset, protocol,
                clock.getAsLong(), udpKey, keys);
        unclaimed.put(transfer, grant);
        byAge.addLast(grant);
        return grant;
    }

    /**
     * The grant {@code transfer} if {@code token} and {@code protocol} match and it is unclaimed and
     * unexpired; it is claimed by this call (single use). Otherwise BAD_TOKEN, and the grant stays.
     */
    synchronized Grant claim(long transfer, TransferToken token, Transport protocol) {
        expire();
        Grant grant = unclaimed.get(transfer);
        if (grant == null || !grant.token().equals(token) || grant.protocol() != protocol) {
            throw new ProtocolException(ErrorCode.BAD_TOKEN, "unknown, used or expired transfer token");
        }
        unclaimed.remove(transfer);
        return grant;
    }

    /** True when {@code transfer} is an unclaimed, unexpired grant. */
    synchronized boolean isPending(long transfer) {
        return pending(transfer) != null;
    }

    /** The unclaimed, unexpired grant {@code transfer}, or null (the UDP endpoint's first look). */
    synchronized Grant pending(long transfer) {
        expire();
        return unclaimed.get(transfer);
    }

    /** A claimed transfer ended: its slot is free again and its file closed. */
    void finish(Grant grant) {
        grant.file().close();
        release(grant.session());
    }

    /** The session ended: its unclaimed grants are dropped (their files closed) and every slot freed. */
    synchronized void endSession(TransferSession session) {
        unclaimed.values().removeIf(grant -> {
            if (grant.session() != session) {
                return false;
            }
            grant.file().close();
            return true;
        });
        Integer used = slots.remove(session);
        SlotBudget budget = budgets.remove(session);
        if (used != null && budget != null) {
            budget.give(used);
        }
    }

    /**
     * The daemon is shutting down: unclaimed grants are revoked (their tokens no longer work, over
     * TCP or UDP) and new requests refused; transfers already claimed run on.
     */
    synchronized void closeToNew() {
        closedToNew = true;
        for (Grant grant : unclaimed.values()) {
            grant.file().close();
            release(grant.session());
        }
        unclaimed.clear();
        byAge.clear();
    }

    private static ProtocolException shuttingDown(Long re) {
        return new ProtocolException(ErrorCode.SHUTTING_DOWN, "no new transfers: the server is shutting down", re);
    }

    synchronized int slotsInUse(TransferSession session) {
        expire();
        return slots.getOrDefault(session, 0);
    }

    synchronized int unclaimedCount() {
        expire();
        return unclaimed.size();
    }

    synchronized long expiryChecks() {
        return expiryChecks;
    }

    private void expire() {
        long now = clock.getAsLong();
        for (Grant oldest = byAge.peekFirst(); oldest != null; oldest = byAge.peekFirst()) {
            expiryChecks++;
            if (now - oldest.grantedAtNanos() < tokenTtlNanos) {
                return;
            }
            byAge.removeFirst();
            if (unclaimed.remove(oldest.transfer(), oldest)) {
                oldest.file().close();
                release(oldest.session());
            }
        }
    }
}
