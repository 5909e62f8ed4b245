package dev.chat.wire.udp;

import static dev.chat.wire.udp.LinkProfile.MS;
import static dev.chat.wire.udp.Transfer.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Timers, congestion control, pacing, flow control and failure paths, observed on the fake link. */
class BehaviourTest {
    private static final LinkProfile BOTTLENECK = LinkProfile.clean(5 * MS).withBandwidth(12_500_000, 256 * 1024);

    @Test
    void probeTimeoutBacksOffExponentiallyWhileTheLinkIsDeadAndTheTransferResumesAfter() {
        Transfer t = Transfer.of(MemoryFile.randomBytes(2 << 20, 20), BOTTLENECK, 20);
        long deadFrom = SimNetwork.START + 100 * MS;
        long deadUntil = deadFrom + 6 * SECOND;
        List<Long> sendsWhileDead = new ArrayList<>();
        t.net.taps.add((time, fromSender, d) -> {
            if (fromSender && time > deadFrom + 100 * MS && time < deadUntil) {
                sendsWhileDead.add(time);
            }
        });
        t.net.at(deadFrom, () -> {
            t.net.toReceiver.setDead(true);
            t.net.toSender.setDead(true);
        });
        t.net.at(deadUntil, () -> {
            t.net.toReceiver.setDead(false);
            t.net.toSender.setDead(false);
        });
        t.run().assertIdentical();

        List<Long> bursts = new ArrayList<>();
        for (long time : sendsWhileDead) {
            if (bursts.isEmpty() || time != bursts.get(bursts.size() - 1)) {
                bursts.add(time);
            }
        }
        assertTrue(bursts.size() >= 5, "probes while dead: " + bursts.size());
        long cap = RudpConfig.defaults().maxProbeTimeout().toNanos();
        for (int i = 2; i < bursts.size(); i++) {
            long previous = bursts.get(i - 1) - bursts.get(i - 2);
            long gap = bursts.get(i) - bursts.get(i - 1);
            if (previous * 2 <= cap) {
                assertEquals(2.0, (double) gap / previous, 0.01, "doubling at probe " + i);
            } else {
                assertEquals(cap, gap, "capped at probe " + i);
            }
        }
        assertTrue(t.elapsed < 6 * SECOND + 2 * SECOND, "resumes within the cap after the outage");
    }

    @Test
    void newRenoGrowsItsWindowInSlowStartAndHalvesItOnLoss() {
        RudpConfig config = RudpConfig.defaults().withCongestionControl(RudpConfig.CongestionControl.NEWRENO);
        Transfer t = new Transfer(MemoryFile.randomBytes(3 << 20, 21), 0, config, BOTTLENECK, BOTTLENECK, 21);
        List<Long> trace = new ArrayList<>();
        t.net.taps.add((time, fromSender, d) -> {
            if (fromSender && t.net.sender.state() == RudpSender.State.SENDING) {
                long w = t.net.sender.stats().congestionWindow();
                if (trace.isEmpty() || trace.get(trace.size() - 1) != w) {
                    trace.add(w);
                }
            }
        });
        t.run().assertIdentical();
        long initial = 10L * (1200 + RudpWire.DATA_OVERHEAD);
        assertEquals(initial, trace.get(0));
        int firstDrop = 1;
        while (firstDrop < trace.size() && trace.get(firstDrop) > trace.get(firstDrop - 1)) {
            firstDrop++;
        }
        assertTrue(firstDrop < trace.size(), "the bottleneck queue overflows at some point");
        long peak = trace.get(firstDrop - 1);
        assertTrue(peak > 8 * initial, "slow start grew the window to " + peak);
        // sampled at sends, so the peak may lag the last growth by an ack or two
        assertEquals(0.5, (double) trace.get(firstDrop) / peak, 0.01, "halved on the first loss");
        assertTrue(trace.get(firstDrop + 1) >= trace.get(firstDrop), "not halved again in the same round trip");
        assertTrue(t.net.sender.stats().congestionEvents() < 10, t.report());
    }

    @Test
    void bbrGrowsExponentiallyInStartupThenDrainsAndCruises() {
        Transfer t = Transfer.of(MemoryFile.randomBytes(3 << 20, 33), BOTTLENECK, 33);
        List<Bbr.Mode> modes = new ArrayList<>();
        long[] startupPeak = {0};
        long[] drainInflight = {Long.MAX_VALUE};
        t.net.taps.add((time, fromSender, d) -> {
            if (fromSender && t.net.sender.recovery() != null && t.net.sender.recovery().cc instanceof Bbr bbr) {
                if (modes.isEmpty() || modes.get(modes.size() - 1) != bbr.mode()) {
                    modes.add(bbr.mode());
                }
                if (bbr.mode() == Bbr.Mode.STARTUP) {
                    startupPeak[0] = Math.max(startupPeak[0], bbr.window());
                }
                if (bbr.mode() == Bbr.Mode.PROBE_BW && drainInflight[0] == Long.MAX_VALUE) {
                    drainInflight[0] = bbr.bytesInFlight();
                }
            }
        });
        t.run().assertIdentical();
        assertEquals(List.of(Bbr.Mode.STARTUP, Bbr.Mode.DRAIN, Bbr.Mode.PROBE_BW), modes);
        long bdp = 12_500_000L * 10 * MS / SECOND; // 10 ms RTT
        assertTrue(startupPeak[0] > 2 * bdp, "slow start overshoots the BDP: " + startupPeak[0]);
        assertTrue(drainInflight[0] < 1.5 * bdp, "drain empties the queue: " + drainInflight[0]);
        Bbr bbr = (Bbr) t.net.sender.recovery().cc;
        assertEquals(12_500_000, bbr.bottleneckBandwidth() * 1e9, 12_500_000 * 0.05);
    }

    @Test
    void bbrVisitsProbeRttWhenTheMinimumRttIsTenSecondsOld() {
        LinkProfile slow = LinkProfile.clean(5 * MS).withBandwidth(1_250_000, 64 * 1024);
        Transfer t = Transfer.of(MemoryFile.randomBytes(15 << 20, 34), slow, 34);
        long[] entered = {0};
        long[] smallestWindow = {Long.MAX_VALUE};
        List<Bbr.Mode> after = new ArrayList<>();
        t.net.taps.add((time, fromSender, d) -> {
            if (fromSender && t.net.sender.recovery() != null && t.net.sender.recovery().cc instanceof Bbr bbr) {
                if (bbr.mode() == Bbr.Mode.PROBE_RTT) {
                    entered[0] = entered[0] == 0 ? time : entered[0];
                    smallestWindow[0] = Math.min(smallestWindow[0], bbr.window());
                } else if (entered[0] != 0 && after.isEmpty()) {
                    after.add(bbr.mode());
                }
            }
        });
        t.run().assertIdentical();
        Bbr bbr = (Bbr) t.net.sender.recovery().cc;
        assertEquals(1, bbr.probeRttVisits(), t.report());
        assertEquals(10.0, (entered[0] - SimNetwork.START) / 1e9, 0.5, "about 10 s after the min RTT was taken");
        assertEquals(Bbr.MIN_WINDOW_PACKETS * (1200L + RudpWire.DATA_OVERHEAD), smallestWindow[0]);
        assertEquals(List.of(Bbr.Mode.PROBE_BW), after);
        assertTrue(t.goodput() > 0.85 * 1_250_000, t.report());
    }

    @Test
    void pacingNeverLetsMoreThanTheBurstAllowanceLeaveAtOneInstant() {
        for (int burst : new int[] {2, 10}) {
            RudpConfig config = RudpConfig.defaults().withPacingBurstPackets(burst);
            Transfer t = new Transfer(MemoryFile.randomBytes(1 << 20, 22), 0, config, BOTTLENECK, BOTTLENECK, 22);
            long[] last = {-1, 0, 0};
            t.net.taps.add((time, fromSender, d) -> {
                if (fromSender && d.get(3) == PacketType.DATA.code) {
                    last[1] = time == last[0] ? last[1] + 1 : 1;
                    last[0] = time;
                    last[2] = Math.max(last[2], last[1]);
                }
            });
            t.run().assertIdentical();
            assertTrue(last[2] <= burst + 2, "burst " + burst + ": " + last[2] + " at one instant (2 may be probes)");
            assertTrue(last[2] >= burst, "the allowance is used");
        }
    }

    @Test
    void theSenderNeverHasMoreThanTheReceiveWindowOutstandingBeyondTheCumulativeAck() {
        int window = 16 * 1024;
        RudpConfig receiverConfig = RudpConfig.defaults().withReceiveWindow(window);
        Transfer t = new Transfer(MemoryFile.randomBytes(1 << 20, 23), 0, RudpConfig.defaults(), receiverConfig,
                BOTTLENECK.withLoss(0.05), BOTTLENECK.withLoss(0.05), 23);
        long[] worst = {0};
        t.net.taps.add((time, fromSender, d) -> {
            if (fromSender && d.get(3) == PacketType.DATA.code) {
                ByteBuffer plain = Transfer.opened(d); // the offset and length are encrypted on the wire
                long end = plain.getLong(20) + (plain.getShort(28) & 0xFFFF);
                worst[0] = Math.max(worst[0], end - t.net.sender.recovery().cumulativeOffset());
            }
        });
        t.run().assertIdentical();
        assertTrue(worst[0] <= window, "outstanding " + worst[0]);
        assertTrue(worst[0] > window - 1200, "the window is used");
        assertEquals(0, t.net.receiver.stats().beyondWindow());
    }

    @Test
    void aDeadPeerFailsBothSidesWithinTheIdleTimeoutAndFreesTheirState() {
        Transfer t = Transfer.of(MemoryFile.randomBytes(4 << 20, 24), BOTTLENECK.withLoss(0.02), 24);
        long deadFrom = SimNetwork.START + 300 * MS;
        t.net.at(deadFrom, () -> {
            t.net.toReceiver.setDead(true);
            t.net.toSender.setDead(true);
        });
        t.net.runUntil(deadFrom + 9 * SECOND, 1_000_000);
        assertFalse(t.net.sender.isDone() || t.net.receiver.isDone(), "still hoping after 9 s");
        assertTrue(t.net.receiver.heldRanges() > 0 || t.net.sender.trackedState() > 0);
        t.net.runUntil(deadFrom + 10 * SECOND + 50 * MS, 1_000_000); // + what was still in flight
        Optional<TransferFailure> timeout = Optional.of(new TransferFailure(FailureReason.PEER_TIMEOUT, false));
        assertEquals(timeout, t.net.sender.failure());
        assertEquals(timeout, t.net.receiver.failure());
        assertEquals(0, t.net.sender.trackedState());
        assertEquals(0, t.net.receiver.heldRanges());
        assertEquals(Long.MAX_VALUE, t.net.sender.nextDeadline());
        assertEquals(Long.MAX_VALUE, t.net.receiver.nextDeadline());
    }

    @Test
    void theIdleTimeoutIsConfigurable() {
        RudpConfig config = RudpConfig.defaults().withIdleTimeout(Duration.ofSeconds(2));
        Transfer t = new Transfer(new byte[10], 0, config, LinkProfile.clean(MS), LinkProfile.clean(MS), 25);
        t.net.toReceiver.setDead(true);
        t.net.toSender.setDead(true);
        t.run();
        assertEquals(FailureReason.PEER_TIMEOUT, t.net.receiver.failure().orElseThrow().reason());
        assertEquals(FailureReason.PEER_TIMEOUT, t.net.sender.failure().orElseThrow().reason());
        assertEquals(2 * SECOND, t.elapsed);
    }

    @Test
    void aReceiverWithTheWrongKeyIsNeverAnsweredAndTheRightOneStillWorks() {
        byte[] data = MemoryFile.randomBytes(50_000, 26);
        Transfer t = Transfer.of(data, LinkProfile.clean(MS), 26);
        MemoryFile.Sink sink = new MemoryFile.Sink(data.length);
        RudpKeys wrong = RudpKeys.derive(MemoryFile.randomBytes(RudpKeys.SECRET_BYTES, 2), Transfer.CONNECTION);
        t.net.receiver = new RudpReceiver(RudpConfig.defaults(), Transfer.CONNECTION, wrong, 0, sink, t.net.now);
        t.net.runUntil(t.net.now + 3 * SECOND, 10_000);
        assertEquals(RudpSender.State.AWAIT_HANDSHAKE, t.net.sender.state());
        assertEquals(RudpReceiver.State.HANDSHAKING, t.net.receiver.state(), "no RESET, no answer at all");
        assertTrue(t.net.sender.unauthenticated() >= 3, "each repeated handshake failed authentication");
        assertEquals(0, t.net.receiver.stats().droppedDatagrams(), "the sender sent nothing back");
        assertEquals(0, sink.bytesWritten);

        t.net.receiver = new RudpReceiver(RudpConfig.defaults(), Transfer.CONNECTION, Transfer.KEYS, 0, t.sink,
                t.net.now);
        t.run().assertIdentical();
    }

    @Test
    void datagramsForAnotherConnectionAreIgnored() {
        Transfer t = Transfer.of(new byte[1000], LinkProfile.clean(MS), 27);
        t.net.receiver = new RudpReceiver(RudpConfig.defaults(), Transfer.CONNECTION + 1, Transfer.KEYS, 0,
                t.sink, t.net.now);
        t.net.runUntil(t.net.now + 3 * SECOND, 10_000);
        assertEquals(RudpSender.State.AWAIT_HANDSHAKE, t.net.sender.state());
        assertEquals(RudpReceiver.State.HANDSHAKING, t.net.receiver.state());
        assertTrue(t.net.sender.stats().droppedDatagrams() >= 3, "handshake retransmitted and dropped");
    }

    @Test
    void aStartOffsetBeyondTheFileIsRefused() {
        Transfer t = new Transfer(new byte[1000], 0, RudpConfig.defaults(), LinkProfile.clean(MS),
                LinkProfile.clean(MS), 28);
        t.net.receiver = new RudpReceiver(RudpConfig.defaults(), Transfer.CONNECTION, Transfer.KEYS, 1001,
                t.sink, t.net.now);
        t.run();
        assertEquals(Optional.of(new TransferFailure(FailureReason.BAD_OFFSET, false)), t.net.sender.failure());
        assertEquals(Optional.of(new TransferFailure(FailureReason.BAD_OFFSET, true)), t.net.receiver.failure());
    }

    @Test
    void aReceiverAbortResetsTheSender() {
        Transfer t = Transfer.of(MemoryFile.randomBytes(1 << 20, 29), BOTTLENECK, 29);
        t.net.at(SimNetwork.START + 50 * MS, t.net.receiver::abort);
        t.run();
        assertEquals(Optional.of(new TransferFailure(FailureReason.ABORTED, false)), t.net.receiver.failure());
        assertEquals(Optional.of(new TransferFailure(FailureReason.ABORTED, true)), t.net.sender.failure());
        assertEquals(0, t.net.sender.trackedState());
    }

    @Test
    void aFailingSinkFailsTheReceiverAndResetsTheSender() {
        byte[] data = MemoryFile.randomBytes(100_000, 30);
        Transfer t = Transfer.of(data, LinkProfile.clean(MS), 30);
        t.net.receiver = new RudpReceiver(RudpConfig.defaults(), Transfer.CONNECTION, Transfer.KEYS, 0,
                (offset, src) -> {
                    throw new java.io.IOException("disk full");
                }, t.net.now);
        t.run();
        assertEquals(FailureReason.IO_ERROR, t.net.receiver.failure().orElseThrow().reason());
        assertEquals(Optional.of(new TransferFailure(FailureReason.IO_ERROR, true)), t.net.sender.failure());
    }

    @Test
    void lostHandshakesAndHandshakeAcksAreRetransmitted() {
        Transfer t = Transfer.of(MemoryFile.randomBytes(10_000, 31), LinkProfile.clean(MS), 31);
        int[] dropped = {0, 0};
        t.net.toReceiver.setDropFilter(d -> d[3] == PacketType.HANDSHAKE_ACK.code && dropped[0]++ < 2);
        t.net.toSender.setDropFilter(d -> d[3] == PacketType.HANDSHAKE.code && dropped[1]++ < 2);
        t.run().assertIdentical();
        assertTrue(dropped[0] >= 3 && dropped[1] >= 3, "each side repeated itself");
    }

    @Test
    void aLostCloseAckStillEndsBothSidesSuccessfully() {
        Transfer t = Transfer.of(MemoryFile.randomBytes(10_000, 32), LinkProfile.clean(MS), 32);
        t.net.toSender.setDropFilter(d -> d[3] == PacketType.CLOSE_ACK.code);
        t.run().assertIdentical();
        assertEquals(RudpSender.State.DONE, t.net.sender.state());
    }
}
