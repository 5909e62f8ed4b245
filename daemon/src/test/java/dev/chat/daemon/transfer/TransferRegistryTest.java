package dev.chat.daemon.transfer;

import dev.chat.daemon.transfer.SharedFolder.SharedFile;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.udp.TransferToken;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Grants, tokens and slots against a fake clock. */
final class TransferRegistryTest {
    private static final SharedFile FILE = new SharedFile("a.txt", Path.of("/x/a.txt"), 10, 0);
    private static final String SHA = "0".repeat(64);
    private final AtomicLong now = new AtomicLong(1_000);
    private final TransferRegistry registry = new TransferRegistry(2, Duration.ofSeconds(30), now::get, new Random(1));
    private final Object alice = "alice";
    private final Object bob = "bob";

    private Grant grant(Object session, String protocol) {
        registry.reserve(session, 1);
        return registry.grant(session, FILE, SHA, 0, protocol);
    }

    private static ErrorCode codeOf(Runnable call) {
        return assertThrows(ProtocolException.class, call::run).code();
    }

    @Test
    void aGrantIsClaimedOnceWithItsToken() {
        Grant grant = grant(alice, "tcp");
        assertTrue(grant.transfer() > 0);
        assertEquals(grant, registry.claim(grant.transfer(), grant.token(), "tcp"));
        assertEquals(ErrorCode.BAD_TOKEN, codeOf(() -> registry.claim(grant.transfer(), grant.token(), "tcp")));
    }

    @Test
    void aWrongTokenOrProtocolIsRefusedAndLeavesTheGrantClaimable() {
        Grant grant = grant(alice, "udp");
        Grant other = grant(bob, "udp");
        assertEquals(ErrorCode.BAD_TOKEN, codeOf(() -> registry.claim(grant.transfer(), other.token(), "udp")));
        assertEquals(ErrorCode.BAD_TOKEN, codeOf(() -> registry.claim(grant.transfer(), grant.token(), "tcp")));
        assertEquals(ErrorCode.BAD_TOKEN, codeOf(() -> registry.claim(grant.transfer(), new TransferToken(1, 2), "udp")));
        assertEquals(grant, registry.claim(grant.transfer(), grant.token(), "udp"));
    }

    @Test
    void anUnclaimedGrantExpiresAfterThirtySecondsAndFreesItsSlot() {
        Grant grant = grant(alice, "tcp");
        now.addAndGet(Duration.ofSeconds(30).toNanos() - 1);
        assertEquals(1, registry.slotsInUse(alice));
        now.addAndGet(1);
        assertEquals(ErrorCode.BAD_TOKEN, codeOf(() -> registry.claim(grant.transfer(), grant.token(), "tcp")));
        assertEquals(0, registry.slotsInUse(alice));
    }

    @Test
    void theLimitCountsGrantedAndRunningTransfersPerSession() {
        Grant first = grant(alice, "tcp");
        grant(alice, "tcp");
        assertEquals(ErrorCode.TOO_MANY_TRANSFERS, codeOf(() -> registry.reserve(alice, 3)));
        grant(bob, "tcp"); // other sessions are not affected
        registry.claim(first.transfer(), first.token(), "tcp");
        assertEquals(ErrorCode.TOO_MANY_TRANSFERS, codeOf(() -> registry.reserve(alice, 3)));
        registry.finish(first);
        registry.reserve(alice, 3);
    }

    @Test
    void theEndOfASessionRevokesItsGrantsAndFreesItsSlots() {
        Grant grant = grant(alice, "tcp");
        Grant bobs = grant(bob, "tcp");
        registry.endSession(alice);
        assertEquals(0, registry.slotsInUse(alice));
        assertEquals(ErrorCode.BAD_TOKEN, codeOf(() -> registry.claim(grant.transfer(), grant.token(), "tcp")));
        assertEquals(bobs, registry.claim(bobs.transfer(), bobs.token(), "tcp"));
    }
}
