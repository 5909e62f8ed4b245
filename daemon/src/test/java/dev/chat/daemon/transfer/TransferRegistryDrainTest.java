package dev.chat.daemon.transfer;

import dev.chat.daemon.transfer.SharedFolder.SharedFile;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.Transport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Shutdown: {@link TransferRegistry#closeToNew()} stops new transfers and leaves running ones alone. */
final class TransferRegistryDrainTest {
    private final SharedFile file = OpenFiles.tenBytes("a.txt");
    private static final String SHA = "0".repeat(64);
    private final TransferRegistry registry = new TransferRegistry(4, Duration.ofSeconds(30), () -> 0L, new Random(1));
    private final TransferSession alice = new TransferSession(null, "alice", stats -> { });

    private Grant grant(Transport protocol) {
        registry.reserve(alice, 1);
        return registry.grant(alice, file, SHA, 0, protocol);
    }

    @Test
    void unclaimedTokensStopWorkingForTcpAndUdp() {
        Grant tcp = grant(Transport.TCP);
        Grant udp = grant(Transport.UDP);
        registry.closeToNew();
        ProtocolException e = assertThrows(ProtocolException.class, () -> registry.claim(tcp.transfer(), tcp.token(), Transport.TCP));
        assertEquals(ErrorCode.BAD_TOKEN, e.code());
        assertFalse(registry.isPending(udp.transfer()));
        assertEquals(0, registry.slotsInUse(alice));
    }

    @Test
    void newRequestsAreRefusedWithTheirIdAndAReason() {
        registry.closeToNew();
        ProtocolException e = assertThrows(ProtocolException.class, () -> registry.reserve(alice, 7));
        assertEquals(ErrorCode.SHUTTING_DOWN, e.code());
        assertEquals(7L, e.re().getAsLong());
        assertEquals("no new transfers: the server is shutting down", e.getMessage());
    }

    @Test
    void aReservationMadeBeforeTheShutdownIsNotGrantedAfterIt() {
        registry.reserve(alice, 1);
        registry.closeToNew();
        assertEquals(ErrorCode.SHUTTING_DOWN,
                assertThrows(ProtocolException.class, () -> registry.grant(alice, file, SHA, 0, Transport.TCP)).code());
    }

    @Test
    void aClaimedTransferRunsOnAndFreesItsSlotWhenItEnds() {
        Grant running = grant(Transport.TCP);
        registry.claim(running.transfer(), running.token(), Transport.TCP);
        registry.closeToNew();
        assertEquals(1, registry.slotsInUse(alice));
        registry.finish(running);
        assertEquals(0, registry.slotsInUse(alice));
    }
}
