package dev.chat.wire.udp;

import java.util.Objects;

/**
 * A failed transfer: the reason, and whether the peer reported it (a RESET arrived) or this side
 * decided it (and sent a RESET where that makes sense).
 */
public record TransferFailure(FailureReason reason, boolean byPeer) {
    public TransferFailure {
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return (byPeer ? "peer: " : "local: ") + reason;
    }
}
