package dev.chat.daemon;

import dev.chat.wire.frame.ServerFrame;

import java.util.List;

/**
 * Where frames for one connection go: its own queue (replies, private messages) and its place in
 * the {@link RoomLog} (joins, leaves, broadcasts). Frames reach the client in the order the rules
 * of PROTOCOL.md section 13 require: a queued frame follows every room event that was appended
 * before it was queued.
 *
 * <p>{@link #deliver} and {@link #deliverAll} never block: they are for small frames any thread
 * may send (replies, pings, events from shared threads); over the hard bound the frame is dropped
 * and the connection kicked by its own threads. {@link #deliverPaced} is for traffic a sender
 * causes (private messages, pages of a long answer): it waits, on the sender's reader thread,
 * while this peer's queue or the daemon's memory is over budget, so a flood slows its sender
 * instead of kicking its reader.
 */
interface Peer {
    /** Queues {@code frame}; false when it was dropped. Never blocks. */
    boolean deliver(ServerFrame frame);

    /** Queues {@code frames} back to back, with no other frame between them; false when dropped. */
    boolean deliverAll(List<? extends ServerFrame> frames);

    /**
     * Queues {@code frame}, first waiting while this peer is over its soft bound or the daemon
     * over its memory budget. Only a reader thread may call this (it holds no lock). False when the
     * peer closed, or was kicked for not reading while the caller waited.
     */
    boolean deliverPaced(ServerFrame frame) throws InterruptedException;

    /**
     * Waits, like {@link #deliverPaced}, until a frame of {@code bytes} would be queued without
     * waiting, but queues nothing: a private message then takes its id and is queued with
     * {@link #deliver} under the registry's lock, so ids reach each client in order. Only a reader
     * thread may call this. False when the peer closed or was kicked meanwhile.
     */
    default boolean awaitSpace(int bytes) throws InterruptedException {
        return true;
    }

    /**
     * The peer joined the room: it will read events from {@code reader} once {@link #openRoom}
     * has queued its welcome. The registry calls this with its lock held; it must not block.
     */
    void enterRoom(RoomLog.Reader reader);

    /** Queues the welcome pages ahead of every room event and starts reading the room. */
    void openRoom(List<? extends ServerFrame> welcome);

    /** The peer left the room: no room event after this one reaches it. */
    void leaveRoom();
}
