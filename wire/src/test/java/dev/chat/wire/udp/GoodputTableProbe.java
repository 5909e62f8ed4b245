package dev.chat.wire.udp;

import static dev.chat.wire.udp.Impairment.MS;

import org.junit.jupiter.api.Test;

class GoodputTableProbe {
    @Test
    void table() {
        long rate = 12_500_000;
        for (RudpConfig.CongestionControl cc : RudpConfig.CongestionControl.values()) {
            for (int loss : new int[] {0, 1, 5, 10, 30}) {
                Impairment link = Impairment.clean(MS).withBandwidth(rate, 256 * 1024).withLoss(loss / 100.0);
                RudpConfig config = RudpConfig.defaults().withCongestionControl(cc);
                long t0 = System.nanoTime();
                Transfer t = new Transfer(MemoryFile.randomBytes(8 << 20, loss), 0, config, link, link, 100 + loss).run();
                t.assertIdentical();
                System.out.printf("%s %d%%: %.1f%% of link  (%d ms wall) %s %s%n", cc, loss, 100 * t.goodput() / rate,
                        (System.nanoTime() - t0) / 1_000_000, t.report(), extra(t));
            }
        }
    }

    static String extra(Transfer t) {
        if (t.net.sender.recovery() != null && t.net.sender.recovery().cc instanceof Bbr b) {
            return String.format("mode %s bw %.2f MB/s minrtt %.2f ms base %.3f hi %d", b.mode(), b.bottleneckBandwidth() * 1e3,
                    b.minRtt() / 1e6, b.guard().baseline(), b.guard().inflightHi());
        }
        return "";
    }
}
