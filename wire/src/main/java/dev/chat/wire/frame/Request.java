package dev.chat.wire.frame;

/** A frame that expects a reply carrying {@code re} equal to its {@link #id()}. */
public interface Request {
    /** Chosen by the sender, 0..2^53-1; echoed as {@code re} in the reply. */
    long id();
}
