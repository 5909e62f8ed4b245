package dev.chat.daemon;

import dev.chat.wire.frame.ServerFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * A peer that keeps what it is sent, for tests without sockets. It reads the room as an outbox's
 * writer would: before each queued frame, every room event appended before it.
 */
final class RecordingPeer implements Peer {
    private final List<ServerFrame> frames = new ArrayList<>();
    private RoomLog.Reader reader;
    private boolean inRoom;

    @Override
    public synchronized boolean deliver(ServerFrame frame) {
        catchUp();
        frames.add(frame);
        return true;
    }

    @Override
    public synchronized boolean deliverAll(List<? extends ServerFrame> batch) {
        catchUp();
        frames.addAll(batch);
        return true;
    }

    @Override
    public boolean deliverPaced(ServerFrame frame) {
        return deliver(frame);
    }

    @Override
    public synchronized void enterRoom(RoomLog.Reader roomReader) {
        reader = roomReader;
    }

    @Override
    public synchronized void openRoom(List<? extends ServerFrame> welcome) {
        frames.addAll(welcome);
        inRoom = true;
    }

    @Override
    public synchronized void leaveRoom() {
        catchUp();
        inRoom = false;
        reader.close();
    }

    synchronized List<ServerFrame> frames() {
        catchUp();
        return List.copyOf(frames);
    }

    synchronized ServerFrame last() {
        catchUp();
        return frames.get(frames.size() - 1);
    }

    synchronized void clear() {
        catchUp();
        frames.clear();
    }

    private void catchUp() {
        if (!inRoom) {
            return;
        }
        for (RoomLog.Event event = reader.next(); event != null; event = reader.next()) {
            if (event.from() != this) {
                frames.add(event.frame().frame());
            }
        }
    }
}
