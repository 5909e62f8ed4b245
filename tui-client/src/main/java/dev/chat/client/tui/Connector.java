package dev.chat.client.tui;

import dev.chat.client.ChatListener;
import dev.chat.client.ChatSession;
import dev.chat.client.JoinException;

/**
 * Joins the daemon; the port behind the join dialog and the reconnect loop. Called off the GUI
 * thread (it blocks on the network); not called concurrently with itself.
 */
interface Connector extends AutoCloseable {
    /**
     * Joins as {@code name}; events of the new session go to {@code listener} on the library's
     * reader thread. After a retryable refusal ({@code NAME_TAKEN}, {@code NAME_INVALID}) the next
     * call may reuse the open connection.
     */
    ChatSession join(String name, ChatListener listener) throws JoinException;

    /**
     * Later joins (the next attempt and every rejoin) send {@code password} in {@code hello}: one
     * typed into the password dialog, or a new one set with {@code /register} or {@code /password}.
     */
    default void usePassword(String password) {
    }

    /**
     * The connection was lost: the next join starts with the next server of {@code --server}
     * (round robin; one server: no change), so a rejoin fails over to another node.
     */
    default void failover() {
    }

    /** "host:port" of the server joins go to now, for the status bar. */
    String address();

    /** The daemon is on this machine: reconnects back off less ({@link Backoff#forServer}). */
    default boolean local() {
        return false;
    }

    /** Drops a connection kept open between name attempts. */
    @Override
    void close();
}
