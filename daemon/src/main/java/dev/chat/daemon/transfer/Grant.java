package dev.chat.daemon.transfer;

import dev.chat.daemon.transfer.SharedFolder.SharedFile;
import dev.chat.wire.frame.Transport;
import dev.chat.wire.udp.TransferToken;

/**
 * One granted download: which session asked, for what, and the secret that fetches it. The
 * {@code transfer} id doubles as the reliable-UDP connection id.
 */
record Grant(long transfer, TransferToken token, TransferSession session, SharedFile file, String sha256, long offset,
             Transport protocol, long grantedAtNanos) {
}
