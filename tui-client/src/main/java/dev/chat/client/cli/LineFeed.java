package dev.chat.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The lines of a script, polled with a timeout so that script mode notices a lost connection while it
 * waits for input. Standard input is read on a daemon platform thread (a blocked read cannot be
 * interrupted, so it must not hold the JVM), at most {@link #AHEAD} lines ahead.
 */
final class LineFeed {
    static final int AHEAD = 64;

    /** A line, the end of input, or an error reading it. */
    record Item(String line, boolean end, IOException error) {
        static final Item END = new Item(null, true, null);
    }

    private final BlockingQueue<Item> queue;

    private LineFeed(BlockingQueue<Item> queue) {
        this.queue = queue;
    }

    /** A script read in full beforehand. */
    static LineFeed of(List<String> lines) {
        BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
        lines.forEach(line -> queue.add(new Item(line, false, null)));
        queue.add(Item.END);
        return new LineFeed(queue);
    }

    /** Lines as they arrive on {@code source}, which the reading thread closes at its end. */
    static LineFeed reading(Reader source) {
        BlockingQueue<Item> queue = new LinkedBlockingQueue<>(AHEAD);
        Thread.ofPlatform().daemon().name("chat-script-input").start(() -> {
            try (BufferedReader reader = new BufferedReader(source)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    queue.put(new Item(line, false, null));
                }
                queue.put(Item.END);
            } catch (IOException e) {
                queue.offer(new Item(null, true, e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return new LineFeed(queue);
    }

    /** The next item, or null when none came within {@code timeout}. */
    Item poll(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
