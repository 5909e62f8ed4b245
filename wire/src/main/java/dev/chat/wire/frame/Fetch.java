package dev.chat.wire.frame;

/**
 * The first and only line a client sends on a TCP data connection: which granted transfer it
 * fetches and the grant's token. Answered by {@link DataHeader} and the raw bytes, or an error, and
 * the daemon closes the connection after either. Accepted only as the first line of a connection.
 */
@FrameType("fetch")
public record Fetch(long transfer, String token) implements ClientFrame {
    public Fetch {
        Transfers.checkTransfer(transfer, null);
        Transfers.checkToken(token, null);
    }
}
