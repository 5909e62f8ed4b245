package dev.chat.daemon;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.Names;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;

import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Delivers chat messages: to one user by name (matched by {@link Names#key}: case, width and look-alikes) or to everyone else
 * for {@code all}. Called by the sender's reader thread; it only queues frames.
 */
final class Router {
    private static final int MAX_QUOTED_TARGET = 64;

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
    Sent route(Peer sender, String fromName, Send send) {
        long ts = epochMillis.getAsLong();
        if (Names.isBroadcast(send.to())) {
            int recipients = registry.broadcast(sender, new Message(fromName, Names.ALL, send.text(), ts));
            return new Sent(send.id(), Names.ALL, recipients, ts);
        }
        UserRegistry.Member target = find(send).orElseThrow(() -> new ProtocolException(
                ErrorCode.UNKNOWN_TARGET, "no user '" + quote(send.to()) + "' online", send.id()));
        if (!target.peer().deliver(new Message(fromName, target.name(), send.text(), ts))) {
            // The target's connection closed between the lookup and the delivery.
            throw new ProtocolException(ErrorCode.UNKNOWN_TARGET, "'" + target.name() + "' just left", send.id());
        }
        return new Sent(send.id(), target.name(), 1, ts);
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
