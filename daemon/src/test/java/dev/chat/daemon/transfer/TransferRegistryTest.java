package dev.chat.daemon.transfer;

import dev.chat.daemon.transfer.SharedFolder.SharedFile;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.Transport;
import dev.chat.wire.udp.TransferToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Grants, tokens and slots against a fake clock. */
final class TransferRegistryTest {
    private static final String SHA = "0".repeat(64);
    private final AtomicLong now = new AtomicLong(1_000);
    private final TransferRegistry registry = new TransferRegistry(2, Duration.ofSeconds(30), now::get, new Random(1));
    private final TransferSession alice = new TransferSession(null, "alice", stats -> { });
    private final TransferSession bob = new TransferSession(null, "bob", stats -> { });

    private Grant grant(TransferSession session, Transport protocol) {
        registry.reserve(session, 1);
        return registry.grant(session, OpenFiles.tenBytes("a.txt"), SHA, 0, protocol);
    }

    private static ErrorCode codeOf(Runnable call) {
        return assertThrows(ProtocolException.class, call::run).code();
    }

    @Test
    void aGrantIsClaimedOnceWithItsToken() {
        Grant grant = grant(alice, Transport.TCP);
        assertTrue(grant.transfer() > 0);
        assertEquals(grant, registry.claim(grant.transfer(), grant.token(), Transport.TCP));
        assertEquals(ErrorCode.BAD_TOKEN, codeOf(() -> registry.claim(grant.transfer(), grant.token(), Transport.TCP)));
    }

    @Test
    void aWrongTokenOrProtocolIsRefusedAndLeavesTheGrantClaimable() {
        Grant grant = grant(alice, Transport.UDP);
        Grant other = grant(bob, Transport.UDP);
        assertEquals(ErrorCode.BAD_TOKEN, codeOf(() -> registry.claim(grant.transfer(), other.token(), Transport.UDP)));
        assertEquals(ErrorCode.BAD_TOKEN, codeOf(() -> registry.claim(grant.transfer(), grant.token(), Transport.TCP)));
        assertEquals(ErrorCode.BAD_TOKEN, codeOf(() -> registry.claim(grant.transfer(), new TransferToken(1, 2), Transport.UDP)));
        assertEquals(grant, registry.claim(grant.transfer(), grant.token(), Transport.UDP));
    }

    @Test
    void anUnclaimedGrantExpiresAfterThirtySecondsAndFreesItsSlot() {
        Grant grant = grant(alice, Transport.TCP);
        now.addAndGet(Duration.ofSeconds(30).toNanos() - 1);
        assertEquals(1, registry.slotsInUse(alice));
        now.addAndGet(1);
        assertEquals(ErrorCode.BAD_TOKEN, codeOf(() -> registry.claim(grant.transfer(), grant.token(), Transport.TCP)));
        assertEquals(0, registry.slotsInUse(alice));
    }

    @Test
    void theLimitCountsGrantedAndRunningTransfersPerSession() {
        Grant first = grant(alice, Transport.TCP);
        grant(alice, Transport.TCP);
        assertEquals(ErrorCode.TOO_MANY_TRANSFERS, codeOf(() -> registry.reserve(alice, 3)));
        grant(bob, Transport.TCP); // other sessions are not affected
        registry.claim(first.transfer(), first.token(), Transport.TCP);
        assertEquals(ErrorCode.TOO_MANY_TRANSFERS, codeOf(() -> registry.reserve(alice, 3)));
        registry.finish(first);
        registry.reserve(alice, 3);
    }

    @Test
    void theEndOfASessionRevokesItsGrantsAndFreesItsSlots() {
        Grant grant = grant(alice, Transport.TCP);
        Grant bobs = grant(bob, Transport.TCP);
        registry.endSession(alice);
        assertEquals(0, registry.slotsInUse(alice));
        assertEquals(ErrorCode.BAD_TOKEN, codeOf(() -> registry.claim(grant.transfer(), grant.token(), Transport.TCP)));
        assertEquals(bobs, registry.claim(bobs.transfer(), bobs.token(), Transport.TCP));
    }

    @Test
    void everyWayAGrantEndsClosesItsFile() {
        Grant expired = grant(alice, Transport.TCP);
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        Grant revoked = grant(bob, Transport.UDP);
        Grant finished = grant(alice, Transport.TCP);
        assertEquals(2, registry.unclaimedCount()); // the expired one is gone
        assertFalse(expired.file().channel().isOpen());
        registry.endSession(bob);
        assertFalse(revoked.file().channel().isOpen());
        registry.claim(finished.transfer(), finished.token(), Transport.TCP);
        assertTrue(finished.file().channel().isOpen());
        registry.finish(finished);
        assertFalse(finished.file().channel().isOpen());
        Grant atShutdown = grant(alice, Transport.UDP);
        registry.closeToNew();
        assertFalse(atShutdown.file().channel().isOpen());
    }

    @Test
    void expiryLooksOnlyAtTheGrantsThatExpiredNotAtEveryGrantHeld() {
        TransferRegistry big = new TransferRegistry(10_000, Duration.ofSeconds(30), now::get, new Random(2));
        SharedFile shared = OpenFiles.tenBytes("a.txt");
        long start = now.get();
        for (int i = 0; i < 2_400; i++) {
            now.set(start + Duration.ofMillis(i).toNanos());
            big.reserve(alice, i);
            big.grant(alice, shared, SHA, 0, Transport.UDP);
        }
        now.set(start + Duration.ofSeconds(30).toNanos() + Duration.ofMillis(2).toNanos()); // grants 0..2 expired
        long before = big.expiryChecks();
        Random forger = new Random(3);
        for (int i = 0; i < 100; i++) {
            long id = 1 + forger.nextInt(1_000_000);
            assertEquals(ErrorCode.BAD_TOKEN, codeOf(() -> big.claim(id, new TransferToken(id, id), Transport.UDP)));
        }
        // 3 expired grants dropped plus one look at the next-oldest per call: 103, not 100 x 2,400.
        assertEquals(3 + 100, big.expiryChecks() - before);
        assertEquals(2_397, big.unclaimedCount());
    }
}
