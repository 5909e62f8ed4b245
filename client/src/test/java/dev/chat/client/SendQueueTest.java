package dev.chat.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class SendQueueTest {
    private final CompletableFuture<IOException> failure = new CompletableFuture<>();
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void linesAreWrittenInTheOrderTheyWereOfferedAcrossManyBatches() throws Exception {
        SendQueue queue = new SendQueue(sink, 10_000, 1 << 20, failure::complete);
        Thread writer = Thread.ofVirtual().start(queue::runWriter);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            assertEquals(SendQueue.Offer.QUEUED, queue.offer(line("m" + i)));
            expected.append("m").append(i).append('\n');
            if (i % 100 == 0) {
                Thread.yield(); // let the writer take a batch now and then
            }
        }
        queue.finish();
        assertTrue(writer.join(Duration.ofSeconds(5)));
        assertEquals(expected.toString(), sink.toString(StandardCharsets.UTF_8));
        assertFalse(failure.isDone());
    }

    @Test
    void oneLineOverTheFrameBoundIsRefusedAndWhatWaitsIsKept() {
        SendQueue queue = new SendQueue(sink, 3, 1 << 20, failure::complete);
        for (int i = 0; i < 3; i++) {
            assertEquals(SendQueue.Offer.QUEUED, queue.offer(line("m" + i)));
        }
        assertEquals(SendQueue.Offer.FULL, queue.offer(line("m3")));
        assertEquals(3, queue.queuedFrames());
        queue.finish();
        queue.runWriter();
        assertEquals("m0\nm1\nm2\n", sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void oneByteOverTheByteBoundIsRefused() {
        byte[] line = line("0123456789"); // 11 bytes
        SendQueue queue = new SendQueue(sink, 100, 2L * line.length, failure::complete);
        assertEquals(SendQueue.Offer.QUEUED, queue.offer(line));
        assertEquals(SendQueue.Offer.QUEUED, queue.offer(line));
        assertEquals(SendQueue.Offer.FULL, queue.offer(line("x")));
        assertEquals(2, queue.queuedFrames());
    }

    @Test
    void aWriterStuckOnAPeerThatDoesNotReadNeverBlocksTheCallers() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SendQueue queue = new SendQueue(new OutputStream() {
            @Override
            public void write(int b) {
                stuck.countDown();
                awaitQuietly(release);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                write(0);
            }
        }, 5, 1 << 20, failure::complete);
        Thread writer = Thread.ofVirtual().start(queue::runWriter);
        queue.offer(line("first"));
        assertTrue(stuck.await(5, TimeUnit.SECONDS), "the writer is inside a write that does not return");
        List<SendQueue.Offer> offers = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 1_000; i++) {
                offers.add(queue.offer(line("m" + i)));
            }
        });
        assertEquals(Collections.nCopies(5, SendQueue.Offer.QUEUED), offers.subList(0, 5));
        assertEquals(Collections.nCopies(995, SendQueue.Offer.FULL), offers.subList(5, 1_000));
        queue.close();
        release.countDown();
        assertTrue(writer.join(Duration.ofSeconds(5)));
        assertFalse(failure.isDone(), "a write cut short by close is no failure");
    }

    @Test
    void aFailedWriteIsReportedOnceAndLaterLinesAreRefused() throws Exception {
        AtomicInteger reports = new AtomicInteger();
        SendQueue queue = new SendQueue(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("broken pipe");
            }
        }, 10, 1 << 20, e -> {
            reports.incrementAndGet();
            failure.complete(e);
        });
        queue.offer(line("m"));
        Thread writer = Thread.ofVirtual().start(queue::runWriter);
        assertEquals("broken pipe", failure.get(5, TimeUnit.SECONDS).getMessage());
        assertTrue(writer.join(Duration.ofSeconds(5)));
        assertEquals(SendQueue.Offer.CLOSED, queue.offer(line("later")));
        assertEquals(1, reports.get());
    }

    @Test
    void finishSendsWhatWaitsWhileCloseDropsIt() {
        SendQueue finishing = new SendQueue(sink, 10, 1 << 20, failure::complete);
        finishing.offer(line("quit"));
        finishing.finish();
        assertEquals(SendQueue.Offer.CLOSED, finishing.offer(line("after")));
        finishing.runWriter();
        assertEquals("quit\n", sink.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream other = new ByteArrayOutputStream();
        SendQueue closing = new SendQueue(other, 10, 1 << 20, failure::complete);
        closing.offer(line("dropped"));
        closing.close();
        closing.runWriter();
        assertEquals(0, other.size());
        assertEquals(0, closing.queuedFrames());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
