package dev.chat.wire.frame;

/** A frame that answers the request whose {@code id} it carries as {@link #re()}. */
public interface Reply {
    long re();
}
