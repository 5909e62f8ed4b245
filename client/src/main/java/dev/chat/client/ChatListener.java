package dev.chat.client;

import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;

/**
 * Receives what the daemon sends unasked. Every method is called on the client's single reader
 * thread (a virtual thread), one at a time, in the order the frames arrived; the last call is
 * {@link #onDisconnected}. A UI must hand each event over to its own UI thread (Lanterna's
 * {@code invokeLater}, JLine's {@code printAbove}) and must not block here: while a method runs,
 * no further frames are read, replies included. An exception thrown here is logged and ignored.
 * All methods do nothing by default.
 */
public interface ChatListener {
    /** A listener that ignores everything. */
    ChatListener NONE = new ChatListener() {
    };

    /** A message to this client or to everyone; {@link Message#isBroadcast()} tells which. */
    default void onMessage(Message message) {
    }

    default void onUserJoined(String name) {
    }

    default void onUserLeft(String name, LeaveReason reason) {
    }

    /** {@code name} is away with {@code reason}, or back when {@code reason} is null. */
    default void onUserAway(String name, String reason) {
    }

    /** The daemon is shutting down; {@link #onDisconnected} follows when it closes. */
    default void onShutdown(String message) {
    }

    /**
     * An error the daemon sent without {@code re} (so no request's future carries it), or a fatal
     * one. After a {@linkplain dev.chat.wire.ErrorCode#fatal() fatal} code the daemon closes.
     */
    default void onError(ChatException error) {
    }

    /**
     * The connection is closed; called exactly once, last.
     *
     * @param cause why, or null when this client closed it with {@link ChatClient#close()}
     */
    default void onDisconnected(Throwable cause) {
    }
}
