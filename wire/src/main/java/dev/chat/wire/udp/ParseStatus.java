package dev.chat.wire.udp;

/**
 * The outcome of parsing one datagram: {@link #OK} or the typed reason it was dropped. Parsing
 * never throws; a datagram that is not {@code OK} is treated exactly like a lost one.
 */
public enum ParseStatus {
    OK,
    /** Shorter than the header plus tag, or shorter than its type's fixed body. */
    TOO_SHORT,
    BAD_MAGIC,
    BAD_VERSION,
    /** The AEAD tag does not verify: corrupted in transit, forged, or under another key. */
    UNAUTHENTICATED,
    UNKNOWN_TYPE,
    /** The length does not match what the type and its length fields say (trailing bytes, etc.). */
    BAD_LENGTH,
    /** A field holds a value the protocol forbids (zero connection id, negative offset, ...). */
    BAD_FIELD
}
