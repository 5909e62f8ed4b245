package dev.chat.client;

import java.time.Duration;

/**
 * A reliable-UDP download's statistics: the sender's from the daemon's latest {@code transfer_stats}
 * report (it sends one up to 4 times a second on the chat connection, and may skip some when the
 * connection is busy), the out-of-order count from the client's own receiver. Until the first report
 * arrives (about 250 ms into the transfer) the sender's fields say "unknown".
 *
 * @param smoothedRtt      the sender's smoothed RTT (RFC 9002 §5.3); null: no report yet
 * @param congestionWindow the sender's congestion window in bytes (BBR: its inflight cap); -1: no report yet
 * @param retransmissions  data datagrams the sender sent again, after a loss or as a probe; 0 before
 *                         the first report
 * @param outOfOrder       data datagrams that arrived above a gap, counted by the client's receiver
 */
public record UdpStats(Duration smoothedRtt, long congestionWindow, long retransmissions, long outOfOrder) {
}
