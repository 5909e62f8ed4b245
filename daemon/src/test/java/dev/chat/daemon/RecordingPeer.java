package dev.chat.daemon;

import dev.chat.wire.frame.ServerFrame;

import java.util.ArrayList;
import java.util.List;

/** A peer that keeps what it is sent, for tests without sockets. */
final class RecordingPeer implements Peer {
    private final List<ServerFrame> frames = new ArrayList<>();

    @Override
    public synchronized boolean deliver(ServerFrame frame) {
        frames.add(frame);
        return true;
    }

    @Override
    public synchronized boolean deliver(SharedFrame frame) {
        frames.add(frame.frame());
        return true;
    }

    @Override
    public synchronized boolean deliverAll(List<? extends ServerFrame> batch) {
        frames.addAll(batch);
        return true;
    }

    synchronized List<ServerFrame> frames() {
        return List.copyOf(frames);
    }

    synchronized ServerFrame last() {
        return frames.get(frames.size() - 1);
    }

    synchronized void clear() {
        frames.clear();
    }
}
