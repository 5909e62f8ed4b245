package dev.chat.daemon;

import dev.chat.daemon.store.Account;
import dev.chat.daemon.store.ChatStore;
import dev.chat.daemon.store.StoreException;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.Names;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.Utf8;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.ServerFrame;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;

/**
 * Delivers chat messages: to one user by name (matched by {@link Names#key}: case, width and
 * look-alikes) or to everyone else for {@code all}, and stores each in the history. Called by the
 * sender's reader thread, which may wait here while a recipient (or the room) is over its budget:
 * that is how a flood slows its sender ({@link Peer#deliverPaced}).
 *
 * <p>The sender's receipt is a future: {@code sent} once the message is durable, an {@code error}
 * if the store failed it. It completes on the store's writer thread, which queues it with the
 * non-blocking {@link Peer#deliver}: a {@code sent} never acknowledges a message a crash can lose.
 */
final class Router {
    private static final int MAX_QUOTED_TARGET = 64;
    /** A message frame's bytes besides its text: keys, names, timestamp. */
    static final int MESSAGE_OVERHEAD = 96;

    /** What routing a message did: the sender's receipt (when durable) and what it cost (bytes x recipients). */
    record Routed(CompletableFuture<ServerFrame> receipt, long fanoutBytes) {
    }

    private final UserRegistry registry;
    private final ChatStore store;
    private final LongSupplier epochMillis;

    Router(UserRegistry registry, LongSupplier epochMillis) {
        this.registry = registry;
        this.store = registry.history().store();
        this.epochMillis = epochMillis;
    }

    /**
     * Queues {@code send} as a message from {@code fromName} and returns the sender's receipt.
     *
     * @throws ProtocolException {@code UNKNOWN_TARGET} with the send's id when nobody online, held
     *                           or registered has that name; {@code STORE_BUSY} when the store is full
     */
    Routed route(Peer sender, String fromName, Send send) throws InterruptedException {
        long ts = epochMillis.getAsLong();
        int cost = MESSAGE_OVERHEAD + Utf8.encodedLength(send.text());
        if (Names.isBroadcast(send.to())) {
            UserRegistry.Posted posted = registry.post(sender, fromName, send.text(), send.isAction(), ts, cost, send.id());
            Sent sent = new Sent(send.id(), Names.ALL, posted.recipients(), ts, posted.id(), null);
            return new Routed(receipt(posted.durable(), sent, send.id()), (long) cost * posted.recipients());
        }
        UserRegistry.Addressed to = address(fromName, send, ts, cost);
        Sent sent = new Sent(send.id(), to.name(), to.delivered() ? 1 : 0, ts, to.id(), to.delivered() ? null : true);
        return new Routed(receipt(to.durable(), sent, send.id()), to.delivered() ? cost : 0);
    }

    /**
     * Online, held, or registered and away: the registry decides under its lock. Before it, with
     * no lock held, the sender waits while an online recipient is over its bound (the flood slows
     * its sender), and an away recipient's account is read.
     */
    private UserRegistry.Addressed address(String fromName, Send send, long ts, int cost) throws InterruptedException {
        if (send.to().length() > Names.MAX_INPUT_CHARS) {
            throw unknown(send); // refused before normalising
        }
        Optional<UserRegistry.Member> online = registry.find(send.to());
        if (online.isPresent()) {
            online.get().peer().awaitSpace(cost); // if it closed meanwhile, the message is stored for it
        }
        String toKey = Names.key(send.to());
        String fromKey = Names.key(fromName);
        Optional<UserRegistry.Addressed> found = registry.address(fromKey, fromName, toKey, null, send.text(), send.isAction(), ts,
                send.id());
        if (found.isPresent()) {
            return found.get();
        }
        Optional<Account> account;
        try {
            account = store.account(toKey);
        } catch (StoreException e) {
            throw new ProtocolException(ErrorCode.STORE_FAILED, "the accounts cannot be read now", send.id());
        }
        if (account.isEmpty()) {
            throw unknown(send);
        }
        return registry.address(fromKey, fromName, toKey, account.get().displayName(), send.text(), send.isAction(),
                        ts, send.id())
                .orElseThrow(() -> unknown(send));
    }

    /** {@code sent} once durable; {@code STORE_FAILED} (naming why) if the store could not keep it. */
    private static CompletableFuture<ServerFrame> receipt(CompletableFuture<Void> durable, Sent sent, long re) {
        return durable.handle((v, e) -> e == null ? sent : storeFailed(e, re));
    }

    private static ServerFrame storeFailed(Throwable e, long re) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        String why = cause instanceof StoreException se && se.reason() == StoreException.Reason.OFFLINE_FULL
                ? "the recipient has too many messages waiting" : "the message could not be stored";
        return new ErrorFrame(re, ErrorCode.STORE_FAILED, why);
    }

    private static ProtocolException unknown(Send send) {
        return new ProtocolException(ErrorCode.UNKNOWN_TARGET, "no user '" + quote(send.to()) + "' online", send.id());
    }

    private static String quote(String target) {
        return target.length() <= MAX_QUOTED_TARGET ? target : target.substring(0, MAX_QUOTED_TARGET) + "...";
    }
}
