package dev.chat.daemon;

import dev.chat.wire.frame.ServerFrame;

import java.util.List;

/**
 * Where frames for one connection go: its outbound queue. Any thread may call these; they never
 * block, and a frame for a connection that is closing or over its bound is dropped (the connection
 * is then kicked by its own writer thread, not by the caller).
 */
interface Peer {
    /** Queues {@code frame}; false when it was dropped. */
    boolean deliver(ServerFrame frame);

    /** Queues a frame that many connections get, encoded once for all of them; false when dropped. */
    boolean deliver(SharedFrame frame);

    /** Queues {@code frames} back to back, with no other frame between them; false when dropped. */
    boolean deliverAll(List<? extends ServerFrame> frames);
}
