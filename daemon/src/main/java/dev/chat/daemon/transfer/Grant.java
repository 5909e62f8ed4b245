package dev.chat.daemon.transfer;

import dev.chat.daemon.transfer.SharedFolder.SharedFile;
import dev.chat.wire.frame.Transport;
import dev.chat.wire.udp.RudpKeys;
import dev.chat.wire.udp.TransferToken;

/**
 * One granted download: which session asked, for what, and the secret that fetches it. The
 * {@code transfer} id doubles as the reliable-UDP connection id. A UDP grant also holds its
 * datagram secret ({@code udpKey}, 64 hex digits, sent in {@code download_ready.key}) and the keys
 * derived from it once, at grant time; both are null for TCP.
 */
record Grant(long transfer, TransferToken token, TransferSession session, SharedFile file, String sha256, long offset,
             Transport protocol, long grantedAtNanos, String udpKey, RudpKeys keys) {
    Grant(long transfer, TransferToken token, TransferSession session, SharedFile file, String sha256, long offset,
          Transport protocol, long grantedAtNanos) {
        this(transfer, token, session, file, sha256, offset, protocol, grantedAtNanos, null, null);
    }

    @Override
    public String toString() {
        return "Grant[" + transfer + " " + protocol + " " + file.name() + "]"; // keep the secrets out of logs
    }
}
