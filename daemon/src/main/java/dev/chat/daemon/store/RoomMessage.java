package dev.chat.daemon.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A broadcast as stored. {@code id} is the room's sequence number (the room log assigns it; ids
 * are strictly increasing per room but may have gaps, e.g. where an append was refused).
 *
 * @param sender the display name the sender had when sending
 */
public record RoomMessage(String room, long id, String sender, String text, Instant time) {
    public RoomMessage {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(time, "time");
        if (id < 1) {
            throw new IllegalArgumentException("message ids start at 1, not " + id);
        }
    }
}
