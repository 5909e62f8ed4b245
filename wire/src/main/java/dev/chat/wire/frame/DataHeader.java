package dev.chat.wire.frame;

/**
 * The daemon's answer to a valid {@link Fetch}: exactly {@code length} raw file bytes, starting at
 * file offset {@code offset}, follow this line; then the daemon closes the connection.
 */
@FrameType("data")
public record DataHeader(long transfer, long offset, long length) implements ServerFrame {
    public DataHeader {
        Transfers.checkTransfer(transfer, null);
        Transfers.checkOffset("offset", offset, null);
        Transfers.checkOffset("length", length, null);
    }
}
