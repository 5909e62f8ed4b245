package dev.chat.client;

import java.time.Duration;

/**
 * What the client's reliable-UDP receiver observes. The sender (the daemon) owns the RTT estimate
 * and the congestion window, so the receiver reports its own view: {@code smoothedRtt} is the
 * client's smoothed time from the handshake and each duplicate-free ACK's effect is not visible to
 * it, hence the definitions below.
 *
 * @param smoothedRtt      smoothed round trip measured by the client (handshake and data arrival
 *                         gaps); null before the first sample
 * @param congestionWindow bytes received but not yet contiguous plus one round trip of data: the
 *                         receiver-side estimate of the sender's window (bytes in flight per RTT)
 * @param retransmissions  data datagrams that arrived more than once (copies of retransmissions or
 *                         network duplicates)
 * @param outOfOrder       data datagrams that arrived above a gap
 */
public record UdpStats(Duration smoothedRtt, long congestionWindow, long retransmissions, long outOfOrder) {
}
