package dev.chat.wire.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The small parts of loss recovery on their own: ranges, RTT estimator, NewReno, pacer. */
class RecoveryPartsTest {
    private static final long MS = 1_000_000L;

    @Test
    void rangesMergeWhenTheyTouchOrOverlap() {
        RangeSet set = new RangeSet();
        set.add(10, 20);
        set.add(30, 40);
        set.add(50, 60);
        assertEquals(3, set.size());
        set.add(20, 30); // bridges the first two
        assertEquals(2, set.size());
        assertEquals(10, set.start(0));
        assertEquals(40, set.end(0));
        set.add(5, 70); // swallows everything
        assertEquals(1, set.size());
        assertTrue(set.contains(5, 70));
        assertFalse(set.contains(4, 6));
        assertEquals(70, set.removeFirstIfStartsBy(5));
        assertEquals(0, set.size());
        for (int i = 0; i < 100; i++) {
            set.add(1000 - 10L * i, 1005 - 10L * i); // descending inserts grow the arrays
        }
        assertEquals(100, set.size());
        assertEquals(10, set.start(0));
    }

    @Test
    void rttFollowsRfc9002() {
        RttEstimator rtt = new RttEstimator(333 * MS, MS);
        assertEquals(333 * MS + 4 * 166_500_000L + 5 * MS, rtt.probeTimeout(5 * MS));
        rtt.onSample(100 * MS, 0, 25 * MS);
        assertEquals(100 * MS, rtt.smoothed());
        assertEquals(50 * MS, rtt.variance());
        assertEquals(100 * MS, rtt.min());
        rtt.onSample(140 * MS, 20 * MS, 25 * MS); // adjusted to 120 ms by the ack delay
        assertEquals((7 * 100 * MS + 120 * MS) / 8, rtt.smoothed());
        assertEquals((3 * 50 * MS + 20 * MS) / 4, rtt.variance());
        rtt.onSample(101 * MS, 20 * MS, 25 * MS); // delay not subtracted: would go below min
        assertEquals(100 * MS, rtt.min());
        assertEquals(Math.max(rtt.smoothed(), rtt.latest()) * 9 / 8, rtt.lossDelay());
    }

    @Test
    void rttTimersHaveAOneMillisecondFloorForLoopback() {
        RttEstimator rtt = new RttEstimator(333 * MS, MS);
        rtt.onSample(20_000, 0, 0); // 20 us loopback
        assertEquals(MS, rtt.lossDelay());
        assertEquals(20_000 + MS, rtt.probeTimeout(0));
    }

    @Test
    void newRenoHalvesOncePerRecoveryPeriodAndCollapsesOnPersistentCongestion() {
        NewReno cc = new NewReno(1000, 10, 1 << 30);
        assertEquals(10_000, cc.window());
        for (int i = 0; i < 10; i++) {
            cc.onSent(1000, 0);
        }
        assertFalse(cc.canSend(1000));
        for (int i = 0; i < 10; i++) {
            cc.onAcked(1000, 100, Long.MAX_VALUE);
        }
        assertEquals(20_000, cc.window()); // slow start doubles per round trip
        cc.onCongestionEvent(200, 300);
        assertEquals(10_000, cc.window());
        cc.onCongestionEvent(250, 310); // sent before recovery began: same loss episode
        assertEquals(10_000, cc.window());
        cc.onAcked(0, 290, Long.MAX_VALUE); // sent before recovery: no growth
        assertEquals(10_000, cc.window());
        for (int i = 0; i < 10; i++) {
            cc.onAcked(1000, 400, Long.MAX_VALUE); // avoidance: one datagram per window
        }
        assertEquals(11_000, cc.window());
        cc.onCongestionEvent(500, 600);
        assertEquals(5_500, cc.window());
        cc.onPersistentCongestion();
        assertEquals(2_000, cc.window());
    }

    @Test
    void thePacerReleasesABurstThenSpacesDatagramsAtOneAndAQuarterWindowsPerRtt() {
        Pacer pacer = new Pacer(2 * 1000, 0);
        NewReno reno = new NewReno(1000, 10, 1 << 30);
        RttEstimator rtt = new RttEstimator(10 * MS, MS);
        double rate = reno.pacingRate(rtt); // 1.25 x 10000 B / 10 ms
        assertEquals(0, pacer.nextSendTime(0, 1000, rate));
        pacer.onSent(0, 1000, rate);
        pacer.onSent(0, 1000, rate);
        long next = pacer.nextSendTime(0, 1000, rate);
        assertEquals(800_000, next);
    }

    @Test
    void atHighRatesThePacerLetsAMillisecondOfDataGoAtOnceUpTo64KiB() {
        Pacer pacer = new Pacer(10 * 1234, 0);
        assertEquals(10 * 1234, pacer.burst(0.001)); // 1 MB/s: the configured ten datagrams
        assertEquals(20_000, pacer.burst(0.02)); // 20 MB/s: one millisecond's worth
        assertEquals(64 * 1024, pacer.burst(0.25)); // 250 MB/s: capped at 64 KiB
        double rate = 0.25;
        pacer.nextSendTime(5 * MS, 1234, rate); // idle long enough to fill up
        int atOnce = 0;
        while (pacer.nextSendTime(5 * MS, 1234, rate) == 5 * MS && atOnce < 100) {
            pacer.onSent(5 * MS, 1234, rate);
            atOnce++;
        }
        assertEquals(64 * 1024 / 1234, atOnce); // as many whole datagrams as 64 KiB holds
    }

    @Test
    void theWindowedMaxForgetsAMaximumOnceItIsOlderThanTheWindow() {
        WindowedMax max = new WindowedMax(10);
        max.update(0, 100);
        max.update(3, 50);
        max.update(8, 70);
        assertEquals(100, max.best());
        assertEquals(70, max.update(11, 40)); // 100 aged out; 70 was the best of the rest
        assertEquals(40, max.update(30, 40)); // everything aged out
        assertEquals(90, max.update(31, 90));
    }

    @Test
    void theLossGuardLearnsRandomLossAndCapsInflightOnlyWhenLossComesWithAStandingQueue() {
        long packet = 1000;
        long minRtt = 10 * MS;
        LossGuard guard = new LossGuard(packet, 0);
        long delivered = 0;
        long now = 0;
        for (int epoch = 0; epoch < 40; epoch++) { // 10% loss, queue empty: random
            delivered += 90 * packet;
            guard.onLost(10 * (int) packet);
            guard.onRttSample(minRtt);
            now += minRtt;
            assertFalse(guard.onRoundStart(now, delivered, minRtt, 20 * packet, 1));
        }
        assertEquals(0.1, guard.baseline(), 0.01);
        delivered += 90 * packet; // the same 10% with a standing queue: still random
        guard.onLost(10 * (int) packet);
        guard.onRttSample(2 * minRtt);
        now += minRtt;
        assertFalse(guard.onRoundStart(now, delivered, minRtt, 20 * packet, 1));
        assertEquals(Long.MAX_VALUE, guard.inflightHi());
        delivered += 70 * packet; // 30% with a standing queue: the queue overflows
        guard.onLost(30 * (int) packet);
        guard.onRttSample(2 * minRtt);
        now += minRtt;
        assertTrue(guard.onRoundStart(now, delivered, minRtt, 100 * packet, 1));
        assertEquals(70 * packet, guard.inflightHi()); // 0.7 x inflight, above the 70-packet BDP floor
        delivered += 100 * packet; // a clean epoch raises the cap by one packet, then two, ...
        guard.onRttSample(minRtt);
        now += minRtt;
        assertFalse(guard.onRoundStart(now, delivered, minRtt, 70 * packet, 1));
        assertEquals(71 * packet, guard.inflightHi());
    }

    @Test
    void theLossGuardWaitsForEnoughPacketsBeforeJudging() {
        LossGuard guard = new LossGuard(1000, 0);
        guard.onLost(50_000);
        guard.onRttSample(100 * MS);
        assertFalse(guard.onRoundStart(MS, 10_000, 10 * MS, 50_000, 1), "60 packets: too few to judge");
        assertEquals(0, guard.baseline());
    }
}
