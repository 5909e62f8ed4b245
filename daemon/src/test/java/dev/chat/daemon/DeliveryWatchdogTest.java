package dev.chat.daemon;

import dev.chat.wire.JsonCodec;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.UserJoined;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class DeliveryWatchdogTest {
    private static final Duration STALL = Duration.ofSeconds(15);
    private static final DeliveryLimits LIMITS = new DeliveryLimits(100, 1 << 20, 1 << 18, STALL, 1 << 17,
            1 << 20, 0, 0, 0);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RoomLog room = new RoomLog();

    @Test
    void aWriterStuckWithFramesWaitingIsKickedAfterTheStallTimeoutAndAQuietOneIsNot() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<LeaveReason> stuckKick = new CompletableFuture<>();
        CompletableFuture<LeaveReason> quietKick = new CompletableFuture<>();
        Outbox stuck = outbox(stuckSink(writing, release), stuckKick);
        Outbox quiet = outbox(new ByteArrayOutputStream(), quietKick);
        Thread.ofVirtual().start(stuck::runWriter);
        stuck.deliver(new Pong(1));
        assertTrue(writing.await(5, TimeUnit.SECONDS), "the writer is in its write before the clock moves");
        stuck.deliver(new Pong(2));
        DeliveryWatchdog watchdog = new DeliveryWatchdog(List.of(stuck, quiet), room, LIMITS, now::get);
        assertEquals(0, watchdog.check(), "not for long enough yet");
        now.addAndGet(STALL.toNanos());
        assertEquals(1, watchdog.check());
        assertEquals(LeaveReason.KICKED_SEND_QUEUE_FULL, stuckKick.get(5, TimeUnit.SECONDS));
        assertFalse(quietKick.isDone(), "nothing waited for the quiet one");
        release.countDown();
    }

    @Test
    void theReadersHoldingTheRoomOverItsBudgetForTheStallTimeoutAreKicked() throws Exception {
        CompletableFuture<LeaveReason> slowKick = new CompletableFuture<>();
        CompletableFuture<LeaveReason> fastKick = new CompletableFuture<>();
        Outbox slow = outbox(new ByteArrayOutputStream(), slowKick);
        Outbox fast = outbox(new ByteArrayOutputStream(), fastKick);
        RoomLog.Reader slowReader = room.reader(slow);
        RoomLog.Reader fastReader = room.reader(fast);
        for (int i = 0; i < 200; i++) {
            room.append(new SharedFrame(new UserJoined("u" + i)), null, 1024); // 200 KiB, over the 128 KiB budget
        }
        while (fastReader.next() != null) {
            // the fast reader keeps up; the slow one never reads
        }
        DeliveryWatchdog watchdog = new DeliveryWatchdog(List.of(), room, LIMITS, now::get);
        assertEquals(0, watchdog.check(), "over budget, but not for long yet");
        now.addAndGet(STALL.toNanos());
        assertEquals(1, watchdog.check());
        assertEquals(LeaveReason.KICKED_SEND_QUEUE_FULL, slowKick.get(5, TimeUnit.SECONDS));
        assertFalse(fastKick.isDone());
        assertTrue(slowReader.cursor() < fastReader.cursor());
    }

    private Outbox outbox(OutputStream out, CompletableFuture<LeaveReason> kicked) {
        return new Outbox(JsonCodec.instance(), out, room, LIMITS, MemoryBudget.unlimited(), kicked::complete, now::get);
    }

    /** A peer that stops reading: the first write blocks until {@code release}. */
    private static OutputStream stuckSink(CountDownLatch writing, CountDownLatch release) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                writing.countDown();
                await(release);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                write(0);
            }
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
