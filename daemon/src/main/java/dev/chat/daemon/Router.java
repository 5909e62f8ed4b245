package dev.chat.daemon;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.Names;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.Utf8;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;

import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Delivers chat messages: to one user by name (matched by {@link Names#key}: case, width and
 * look-alikes) or to everyone else for {@code all}. Called by the sender's reader thread, which may
 * wait here while a recipient (or the room) is over its budget: that is how a flood slows its
 * sender ({@link Peer#deliverPaced}).
 */
final class Router {
    private static final int MAX_QUOTED_TARGET = 64;
    /** A message frame's bytes besides its text: keys, names, timestamp. */
    private static final int MESSAGE_OVERHEAD = 96;

    /** What routing a message did: the sender's receipt and what it cost (bytes x recipients). */
    record Routed(Sent sent, long fanoutBytes) {
    }

    private final UserRegistry registry;
    private final LongSupplier epochMillis;

    Router(UserRegistry registry, LongSupplier epochMillis) {
        this.registry = registry;
        this.epochMillis = epochMillis;
    }

    /**
     * Queues {@code send} as a message from {@code fromName} and returns the sender's receipt.
     *
     * @throws ProtocolException {@code UNKNOWN_TARGET} with the send's id when nobody has that name
     */
    Routed route(Peer sender, String fromName, Send send) throws InterruptedException {
        long ts = epochMillis.getAsLong();
        int cost = MESSAGE_OVERHEAD + Utf8.encodedLength(send.text());
        if (Names.isBroadcast(send.to())) {
            int recipients = registry.broadcast(sender, new Message(fromName, Names.ALL, send.text(), ts), cost);
            return new Routed(new Sent(send.id(), Names.ALL, recipients, ts), (long) cost * recipients);
        }
        UserRegistry.Member target = find(send).orElseThrow(() -> new ProtocolException(
                ErrorCode.UNKNOWN_TARGET, "no user '" + quote(send.to()) + "' online", send.id()));
        if (!target.peer().deliverPaced(new Message(fromName, target.name(), send.text(), ts))) {
            // The target's connection closed between the lookup and the delivery.
            throw new ProtocolException(ErrorCode.UNKNOWN_TARGET, "'" + target.name() + "' just left", send.id());
        }
        return new Routed(new Sent(send.id(), target.name(), 1, ts), cost);
    }

    /** The target's member; a target too long to be a name is nobody (refused before normalising). */
    private Optional<UserRegistry.Member> find(Send send) {
        if (send.to().length() > Names.MAX_INPUT_CHARS) {
            return Optional.empty();
        }
        return registry.find(send.to());
    }

    private static String quote(String target) {
        return target.length() <= MAX_QUOTED_TARGET ? target : target.substring(0, MAX_QUOTED_TARGET) + "...";
    }
}
