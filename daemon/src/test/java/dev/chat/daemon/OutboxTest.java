package dev.chat.daemon;

import dev.chat.wire.JsonCodec;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.TransferStats;
import dev.chat.wire.frame.UserJoined;
import dev.chat.wire.text.TextCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class OutboxTest {
    private final CompletableFuture<LeaveReason> failure = new CompletableFuture<>();
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();

    private Outbox outbox(int frames, long bytes, OutputStream out) {
        return new Outbox(JsonCodec.instance(), out, new RoomLog(), DeliveryLimits.DEFAULTS.withQueue(frames, bytes),
                MemoryBudget.unlimited(), failure::complete, System::nanoTime);
    }

    @Test
    void theWriterSendsQueuedFramesInOrderAndStopsWhenFinished() throws Exception {
        Outbox outbox = outbox(10, 1 << 20, sink);
        outbox.deliver(new Pong(1));
        outbox.deliverAll(List.of(new Pong(2), new Pong(3)));
        outbox.finish();
        outbox.runWriter();
        assertEquals("{\"type\":\"pong\",\"re\":1}\n{\"type\":\"pong\",\"re\":2}\n{\"type\":\"pong\",\"re\":3}\n",
                sink.toString(StandardCharsets.UTF_8));
        assertTrue(outbox.awaitWriter(Duration.ZERO));
        assertFalse(outbox.deliver(new Pong(4)), "a finished outbox takes nothing");
        assertFalse(failure.isDone());
    }

    @Test
    void oneFrameOverTheCountBoundKicksAndDropsTheQueue() throws Exception {
        Outbox outbox = outbox(3, 1 << 20, sink);
        for (int i = 0; i < 3; i++) {
            assertTrue(outbox.deliver(new Pong(i)));
        }
        assertFalse(outbox.deliver(new Pong(3)));
        assertEquals(LeaveReason.KICKED_SEND_QUEUE_FULL, failure.get(5, TimeUnit.SECONDS));
        assertEquals(0, outbox.queuedFrames());
        assertFalse(outbox.deliver(new Pong(4)));
    }

    @Test
    void oneByteOverTheByteBoundKicks() throws Exception {
        int line = JsonCodec.instance().encodeFrame(new Pong(1)).length;
        Outbox outbox = outbox(100, 2L * line, sink);
        assertTrue(outbox.deliver(new Pong(1)));
        assertTrue(outbox.deliver(new Pong(2)));
        assertFalse(outbox.deliver(new Pong(3)));
        assertEquals(LeaveReason.KICKED_SEND_QUEUE_FULL, failure.get(5, TimeUnit.SECONDS));
    }

    @Test
    void droppableFramesAreQueuedWhileTheQueueIsShortAndDroppedWithoutAKickWhenItIsBusy() throws Exception {
        Outbox outbox = outbox(100, 1 << 20, sink);
        TransferStats stats = new TransferStats(77, 850, 122_880, 61_440, 3, 4);
        assertTrue(outbox.deliverIfQuiet(stats));
        for (int i = 1; i < Outbox.QUIET_FRAMES; i++) {
            assertTrue(outbox.deliver(new Pong(i)));
        }
        assertFalse(outbox.deliverIfQuiet(stats), "a busy queue drops statistics");
        assertEquals(Outbox.QUIET_FRAMES, outbox.queuedFrames());
        assertTrue(outbox.deliver(new Pong(99)), "chat frames still go in");
        outbox.finish();
        outbox.runWriter();
        assertFalse(failure.isDone(), "dropping statistics kicks nobody");
        assertTrue(sink.toString(StandardCharsets.UTF_8).startsWith("{\"type\":\"transfer_stats\""));
    }

    @Test
    void droppableFramesNeverFillASmallQueue() throws Exception {
        Outbox outbox = outbox(4, 1 << 20, sink);
        TransferStats stats = new TransferStats(77, 850, 122_880, 61_440, 3, 4);
        assertTrue(outbox.deliverIfQuiet(stats));
        assertTrue(outbox.deliverIfQuiet(stats));
        assertFalse(outbox.deliverIfQuiet(stats), "at most half of the bound");
        assertTrue(outbox.deliver(new Pong(1)));
        assertTrue(outbox.deliver(new Pong(2)));
        assertFalse(failure.isDone());
    }

    @Test
    void aBatchThatDoesNotFitIsRefusedWhole() throws Exception {
        Outbox outbox = outbox(2, 1 << 20, sink);
        assertFalse(outbox.deliverAll(List.of(new Pong(1), new Pong(2), new Pong(3))));
        assertEquals(0, outbox.queuedFrames());
        assertEquals(LeaveReason.KICKED_SEND_QUEUE_FULL, failure.get(5, TimeUnit.SECONDS));
    }

    @Test
    void framesTheCodecDoesNotShowTakeNoRoom() {
        Outbox outbox = new Outbox(new TextCodec(ZoneOffset.UTC), sink, new RoomLog(),
                DeliveryLimits.DEFAULTS.withQueue(1, 1 << 20), MemoryBudget.unlimited(), failure::complete, System::nanoTime);
        assertTrue(outbox.deliver(new Sent(1, "bob", 1, 0)));
        assertTrue(outbox.deliver(new UserJoined("bob")));
        assertEquals(1, outbox.queuedFrames());
    }

    @Test
    void aFailingWriteReportsConnectionLost() throws Exception {
        Outbox outbox = outbox(10, 1 << 20, new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("broken pipe");
            }
        });
        outbox.deliver(new Pong(1));
        Thread.ofVirtual().start(outbox::runWriter);
        assertEquals(LeaveReason.CONNECTION_LOST, failure.get(5, TimeUnit.SECONDS));
        assertTrue(outbox.awaitWriter(Duration.ofSeconds(5)));
    }

    @Test
    void aWriterStuckOnASlowPeerDoesNotBlockDeliveryAndTheOverflowStillKicks() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Outbox outbox = outbox(5, 1 << 20, blockingSink(stuck, release));
        Thread writer = Thread.ofVirtual().start(outbox::runWriter);
        outbox.deliver(new Pong(0));
        assertTrue(stuck.await(5, TimeUnit.SECONDS));
        for (int i = 1; i <= 5; i++) {
            assertTrue(outbox.deliver(new Pong(i)));
        }
        assertFalse(outbox.deliver(new Pong(6)));
        assertEquals(LeaveReason.KICKED_SEND_QUEUE_FULL, failure.get(5, TimeUnit.SECONDS));
        release.countDown();
        writer.join(Duration.ofSeconds(5));
        assertFalse(writer.isAlive());
    }

    @Test
    void aQueuedFrameFollowsEveryRoomEventAppendedBeforeItAndPrecedesTheRest() throws Exception {
        RoomLog room = new RoomLog();
        Outbox outbox = new Outbox(JsonCodec.instance(), sink, room, DeliveryLimits.DEFAULTS,
                MemoryBudget.unlimited(), failure::complete, System::nanoTime);
        outbox.enterRoom(room.reader(outbox));
        room.append(new SharedFrame(new UserJoined("early")), null, 10); // while the welcome was built
        outbox.deliver(new Pong(5));
        outbox.openRoom(List.of(new Pong(0)));
        room.append(new SharedFrame(new UserJoined("own")), outbox, 10); // its own broadcast: skipped
        room.append(new SharedFrame(new UserJoined("late")), null, 10);
        outbox.deliver(new Pong(6));
        outbox.finish();
        outbox.runWriter();
        assertEquals(String.join("\n", "{\"type\":\"pong\",\"re\":0}", "{\"type\":\"user_joined\",\"name\":\"early\"}",
                "{\"type\":\"pong\",\"re\":5}", "{\"type\":\"user_joined\",\"name\":\"late\"}",
                "{\"type\":\"pong\",\"re\":6}") + "\n", sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void afterLeavingTheRoomNoLaterEventArrives() throws Exception {
        RoomLog room = new RoomLog();
        Outbox outbox = new Outbox(JsonCodec.instance(), sink, room, DeliveryLimits.DEFAULTS,
                MemoryBudget.unlimited(), failure::complete, System::nanoTime);
        outbox.enterRoom(room.reader(outbox));
        outbox.openRoom(List.of());
        outbox.leaveRoom();
        room.append(new SharedFrame(new UserJoined("later")), null, 10);
        outbox.deliver(new Pong(1));
        outbox.finish();
        outbox.runWriter();
        assertEquals("{\"type\":\"pong\",\"re\":1}\n", sink.toString(StandardCharsets.UTF_8));
        assertEquals(0, room.readerCount());
    }

    @Test
    void aPacedSenderWaitsForASlowReaderInsteadOfKickingIt() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        int line = JsonCodec.instance().encodeFrame(new Pong(1)).length;
        Outbox outbox = pacedOutbox(2L * line, Duration.ofSeconds(30), blockingSink(stuck, release));
        Thread.ofVirtual().start(outbox::runWriter);
        outbox.deliver(new Pong(0));
        assertTrue(stuck.await(5, TimeUnit.SECONDS));
        assertTrue(outbox.deliverPaced(new Pong(1)));
        assertTrue(outbox.deliverPaced(new Pong(2)));
        CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> paced(outbox, new Pong(3)));
        assertFalse(completesWithin(third, Duration.ofMillis(300)), "over the soft bound the sender waits");
        release.countDown();
        assertTrue(third.get(5, TimeUnit.SECONDS));
        assertFalse(failure.isDone(), "a reader that reads is never kicked");
    }

    @Test
    void aReaderThatKeepsAPacedSenderWaitingForTheStallTimeoutIsKicked() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        int line = JsonCodec.instance().encodeFrame(new Pong(1)).length;
        Outbox outbox = pacedOutbox(line, Duration.ofMillis(200), blockingSink(stuck, release));
        Thread.ofVirtual().start(outbox::runWriter);
        outbox.deliver(new Pong(0));
        assertTrue(stuck.await(5, TimeUnit.SECONDS));
        assertTrue(outbox.deliverPaced(new Pong(1)));
        assertFalse(outbox.deliverPaced(new Pong(2)), "the reader never made room");
        assertEquals(LeaveReason.KICKED_SEND_QUEUE_FULL, failure.get(5, TimeUnit.SECONDS));
        release.countDown();
    }

    @Test
    void aWriterStuckWithFramesWaitingIsStalledAndAnIdleOneIsNot() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Outbox idle = outbox(10, 1 << 20, sink);
        Outbox outbox = outbox(10, 1 << 20, blockingSink(stuck, release));
        Thread.ofVirtual().start(outbox::runWriter);
        outbox.deliver(new Pong(0));
        assertTrue(stuck.await(5, TimeUnit.SECONDS));
        outbox.deliver(new Pong(1));
        long later = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        assertTrue(outbox.stalled(later, Duration.ofSeconds(30)));
        assertFalse(outbox.stalled(System.nanoTime(), Duration.ofSeconds(30)), "not for long enough yet");
        assertFalse(idle.stalled(later, Duration.ofSeconds(30)), "nothing waits: not a stall");
        outbox.kickForStall();
        assertEquals(LeaveReason.KICKED_SEND_QUEUE_FULL, failure.get(5, TimeUnit.SECONDS));
        release.countDown();
    }

    private Outbox pacedOutbox(long softBytes, Duration stall, OutputStream out) {
        DeliveryLimits limits = new DeliveryLimits(100, 1 << 20, softBytes, stall, 1 << 20, 1 << 21, 0, 0, 0);
        return new Outbox(JsonCodec.instance(), out, new RoomLog(), limits, MemoryBudget.unlimited(),
                failure::complete, System::nanoTime);
    }

    private static boolean paced(Outbox outbox, Pong pong) {
        try {
            return outbox.deliverPaced(pong);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean completesWithin(CompletableFuture<?> future, Duration wait) {
        try {
            future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A socket whose peer stops reading after the first write, until {@code release}. */
    private static OutputStream blockingSink(CountDownLatch stuck, CountDownLatch release) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                stuck.countDown();
                awaitQuietly(release);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                write(0);
            }
        };
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
