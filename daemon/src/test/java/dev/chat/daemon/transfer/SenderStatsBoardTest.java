package dev.chat.daemon.transfer;

import dev.chat.daemon.transfer.SharedFolder.SharedFile;
import dev.chat.wire.frame.TransferStats;
import dev.chat.wire.udp.SenderStats;
import dev.chat.wire.udp.TransferToken;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SenderStatsBoardTest {
    private final List<TransferStats> delivered = new CopyOnWriteArrayList<>();
    private final TransferSession session = new TransferSession(null, "test", false, delivered::add);
    private final SenderStatsBoard board = new SenderStatsBoard();

    private Grant grant(long transfer) {
        return new Grant(transfer, new TransferToken(1, 2), session, OpenFiles.tenBytes("a"),
                "0".repeat(64), 0, "udp", 0);
    }

    private static SenderStats stats(long retransmissions) {
        return new SenderStats(1000, 2000, 50, retransmissions, retransmissions + 1, 0, 0, 850_000, 100_000,
                700_000, 122_880, 61_440, 1 << 20, 0);
    }

    @Test
    void aSnapshotBecomesATransferStatsFrameInMicrosecondsAndIsDeliveredOnce() {
        board.publish(grant(77), stats(3));
        board.deliver();
        board.deliver();
        assertEquals(List.of(new TransferStats(77, 850, 122_880, 61_440, 3, 4)), delivered);
    }

    @Test
    void onlyTheLatestSnapshotOfATransferIsDelivered() {
        board.publish(grant(77), stats(3));
        board.publish(grant(77), stats(5));
        board.publish(grant(78), stats(0));
        board.deliver();
        assertEquals(2, delivered.size());
        assertEquals(5, delivered.stream().filter(s -> s.transfer() == 77).findFirst().orElseThrow().retransmissions());
    }

    @Test
    void anEndedTransfersUndeliveredSnapshotIsDropped() {
        Grant ended = grant(77);
        board.publish(ended, stats(3));
        board.remove(ended);
        board.deliver();
        assertEquals(0, board.pending());
        assertEquals(List.of(), delivered);
    }
}
