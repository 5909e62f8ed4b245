package dev.chat.client;

import java.time.Duration;

/**
 * What the client's reliable-UDP receiver can see. The RTT estimate and the congestion window live
 * in the sender (the daemon) and the protocol does not carry them to the client yet, so they are
 * reported as unknown for now.
 *
 * @param smoothedRtt      the sender's smoothed RTT; null: not known to the receiver (yet)
 * @param congestionWindow the sender's congestion window in bytes; -1: not known to the receiver (yet)
 * @param retransmissions  data datagrams that arrived more than once: retransmissions (or network
 *                         duplicates) as the receiver observes them; lost-then-resent copies that
 *                         arrive once are not visible here
 * @param outOfOrder       data datagrams that arrived above a gap
 */
public record UdpStats(Duration smoothedRtt, long congestionWindow, long retransmissions, long outOfOrder) {
}
