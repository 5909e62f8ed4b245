package dev.chat.daemon;

import dev.chat.daemon.transfer.SlotBudget;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SourceBudgetsTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private static final SourceLimits LIMITS = new SourceLimits(3, 5, Duration.ofMinutes(10), 1.0, 2, List.of());

    private SourceBudgets budgets(SourceLimits limits, long fds) {
        return new SourceBudgets(limits, 10_000, new FdBudget(fds), now::get);
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    private static SourceBudgets.Ticket admitted(SourceBudgets.Admission admission) {
        return assertInstanceOf(SourceBudgets.Admitted.class, admission).ticket();
    }

    @Test
    void oneAddressGetsItsConcurrentLimitAndAnotherAddressIsUnaffected() throws Exception {
        SourceBudgets budgets = budgets(LIMITS, 100);
        for (int i = 0; i < 3; i++) {
            admitted(budgets.admit(ip("127.0.0.2")));
        }
        SourceBudgets.Refused refused = assertInstanceOf(SourceBudgets.Refused.class, budgets.admit(ip("127.0.0.2")));
        assertTrue(refused.reason().contains("3 at once"), refused.reason());
        assertEquals(false, refused.fds());
        admitted(budgets.admit(ip("127.0.0.1")));
    }

    @Test
    void closingATicketFreesItsPlaceButTheWindowStillCountsTheConnection() throws Exception {
        SourceBudgets budgets = budgets(LIMITS, 100);
        for (int i = 0; i < 5; i++) {
            SourceBudgets.Ticket ticket = admitted(budgets.admit(ip("10.0.0.1")));
            ticket.close();
            ticket.close(); // idempotent
        }
        SourceBudgets.Refused refused = assertInstanceOf(SourceBudgets.Refused.class, budgets.admit(ip("10.0.0.1")));
        assertTrue(refused.reason().contains("5 per 600 s"), refused.reason());
        now.addAndGet(TimeUnit.MINUTES.toNanos(10));
        admitted(budgets.admit(ip("10.0.0.1")));
    }

    @Test
    void anIpv6SourceIsItsSlash64AndAMappedIpv4AddressIsTheIpv4Source() throws Exception {
        assertEquals("2001:db8:1:2::/64", SourceBudgets.key(ip("2001:db8:1:2:aaaa::1")));
        assertEquals(SourceBudgets.key(ip("2001:db8:1:2::1")), SourceBudgets.key(ip("2001:db8:1:2:ffff::9")));
        assertEquals("127.0.0.2", SourceBudgets.key(InetAddress.getByAddress(
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 2})));
        SourceBudgets budgets = budgets(LIMITS, 100);
        for (int i = 0; i < 3; i++) {
            admitted(budgets.admit(ip("2001:db8:1:2::" + (i + 1))));
        }
        assertInstanceOf(SourceBudgets.Refused.class, budgets.admit(ip("2001:db8:1:2:ffff::1")));
        admitted(budgets.admit(ip("2001:db8:1:3::1")));
    }

    @Test
    void theShareOfMaxClientsCapsWhatOneSourceMayHold() {
        SourceLimits limits = new SourceLimits(1000, 1000, Duration.ofMinutes(1), 0.1, 8, List.of());
        assertEquals(100, limits.concurrentFor(1000));
        assertEquals(1, limits.concurrentFor(5));
        assertEquals(16, SourceLimits.DEFAULTS.concurrentFor(10_000));
    }

    @Test
    void anExemptBlockSkipsThePerSourceLimitsButNotTheDescriptorBudget() throws Exception {
        SourceBudgets budgets = budgets(LIMITS.withExempt(List.of(Cidr.parse("127.0.0.0/8"))), 10);
        for (int i = 0; i < 10; i++) {
            admitted(budgets.admit(ip("127.0.0.1")));
        }
        SourceBudgets.Refused refused = assertInstanceOf(SourceBudgets.Refused.class, budgets.admit(ip("127.0.0.1")));
        assertTrue(refused.fds(), refused.reason());
        assertInstanceOf(SourceBudgets.Refused.class, budgets.admit(ip("10.1.1.1")));
    }

    @Test
    void transfersCountAgainstTheAddressAndTheDescriptorsAndAreGivenBack() throws Exception {
        FdBudget fds = new FdBudget(100);
        SourceBudgets budgets = new SourceBudgets(LIMITS, 10_000, fds, now::get);
        SlotBudget first = admitted(budgets.admit(ip("127.0.0.2"))).transfers();
        SlotBudget second = admitted(budgets.admit(ip("127.0.0.2"))).transfers();
        assertNull(first.tryTake());
        assertNull(second.tryTake());
        String refusal = first.tryTake();
        assertTrue(refusal != null && refusal.contains("2 transfers at once per address"), refusal);
        assertEquals(4, fds.used());
        second.give(1);
        assertNull(first.tryTake());
        assertEquals(4, fds.used());
    }

    @Test
    void aDataConnectionThatClaimedAGrantGivesBackItsNewConnectionTokenAndItsPlaceButNotItsDescriptor()
            throws Exception {
        FdBudget fds = new FdBudget(100);
        SourceBudgets budgets = new SourceBudgets(LIMITS, 10_000, fds, now::get);
        for (int i = 0; i < 20; i++) { // four times the 5 new connections per window
            SourceBudgets.Ticket data = admitted(budgets.admit(ip("127.0.0.2")));
            data.claimedGrant();
            data.claimedGrant(); // once per connection
            assertEquals(1, fds.used());
            data.close();
        }
        List<SourceBudgets.Ticket> streaming = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) { // beyond the 3 at once: each is bounded by its grant's slot instead
            SourceBudgets.Ticket data = admitted(budgets.admit(ip("127.0.0.2")));
            data.claimedGrant();
            streaming.add(data);
        }
        for (int i = 0; i < 3; i++) {
            admitted(budgets.admit(ip("127.0.0.2"))); // chat connections: 3 at once, counted in the window
        }
        SourceBudgets.Refused refused = assertInstanceOf(SourceBudgets.Refused.class, budgets.admit(ip("127.0.0.2")));
        assertTrue(refused.reason().contains("3 at once"), refused.reason());
        assertEquals(7, fds.used());
        streaming.forEach(SourceBudgets.Ticket::close);
        assertEquals(3, fds.used());
    }

    @Test
    void chatConnectionsStillSpendTheWindowWhileDataConnectionsComeAndGo() throws Exception {
        SourceBudgets budgets = budgets(LIMITS, 100);
        for (int i = 0; i < 5; i++) {
            SourceBudgets.Ticket data = admitted(budgets.admit(ip("10.0.0.2")));
            data.claimedGrant();
            data.close();
            admitted(budgets.admit(ip("10.0.0.2"))).close();
        }
        // The window is spent by chat connections alone; a data connection is refused too, since
        // whether it is one shows only in its first line.
        SourceBudgets.Refused refused = assertInstanceOf(SourceBudgets.Refused.class, budgets.admit(ip("10.0.0.2")));
        assertTrue(refused.reason().contains("5 per 600 s"), refused.reason());
    }

    @Test
    void theDescriptorBudgetRefusesConnectionsAndTransfersWhenSpent() throws Exception {
        FdBudget fds = new FdBudget(2);
        SourceBudgets budgets = new SourceBudgets(LIMITS, 10_000, fds, now::get);
        SourceBudgets.Ticket ticket = admitted(budgets.admit(ip("127.0.0.2")));
        assertNull(ticket.transfers().tryTake());
        assertTrue(ticket.transfers().tryTake().contains("file descriptors"));
        assertTrue(assertInstanceOf(SourceBudgets.Refused.class, budgets.admit(ip("127.0.0.3"))).fds());
        ticket.close();
        admitted(budgets.admit(ip("127.0.0.3")));
    }

    @Test
    void theProcessBudgetKeepsAHeadroomBelowTheLimit() {
        assertEquals(FdBudget.MIN_HEADROOM, FdBudget.headroom(1024));
        assertEquals(3276, FdBudget.headroom(65536));
        FdBudget process = FdBudget.forProcess(1024);
        assertTrue(process.capacity() > 0 && process.capacity() <= 1024 - FdBudget.MIN_HEADROOM, "" + process.capacity());
    }

    @Test
    void idleSourcesAreForgottenSoTheMapStaysBounded() throws Exception {
        SourceBudgets budgets = budgets(LIMITS, 1_000_000);
        for (int i = 0; i < SourceBudgets.MAX_TRACKED + 10; i++) {
            admitted(budgets.admit(InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i})))
                    .close();
        }
        assertTrue(budgets.tracked() <= SourceBudgets.MAX_TRACKED, "" + budgets.tracked());
    }

    @Test
    void cidrBlocksParseAndMatch() throws Exception {
        Cidr block = Cidr.parse("127.0.0.0/8");
        assertTrue(block.contains(ip("127.9.9.9")));
        assertTrue(!block.contains(ip("128.0.0.1")));
        assertTrue(Cidr.parse("::1").contains(ip("::1")));
        assertTrue(Cidr.parse("10.1.2.128/25").contains(ip("10.1.2.200")));
        assertTrue(!Cidr.parse("10.1.2.128/25").contains(ip("10.1.2.100")));
        assertEquals(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128")), Cidr.parseList("127.0.0.0/8, ::1/128"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/x"));
    }
}
