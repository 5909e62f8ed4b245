package dev.chat.client.cli;

import dev.chat.client.DisconnectedException;
import dev.chat.wire.frame.Message;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageLogTest {
    private final MessageLog log = new MessageLog();

    @Test
    void aMessageThatArrivedEarlierMeetsTheWaitAtOnce() {
        Message early = new Message("bob", "all", "the build is green", 1);
        log.add(early);
        assertSame(early, log.awaitContaining("green").join());
    }

    @Test
    void aLaterMessageMeetsEveryWaitItContains() {
        CompletableFuture<Message> green = log.awaitContaining("green");
        CompletableFuture<Message> build = log.awaitContaining("build");
        CompletableFuture<Message> red = log.awaitContaining("red");
        log.add(new Message("bob", "all", "the build is green", 1));
        assertTrue(green.isDone() && build.isDone());
        assertFalse(red.isDone());
    }

    @Test
    void matchingIsBySubstringAndCaseSensitive() {
        log.add(new Message("bob", "all", "Shalom שלום!", 1));
        assertTrue(log.awaitContaining("שלום!").isDone());
        assertFalse(log.awaitContaining("shalom").isDone());
    }

    @Test
    void closingFailsTheWaitersAndLaterWaitsThatFindNothing() {
        CompletableFuture<Message> waiting = log.awaitContaining("x");
        log.add(new Message("bob", "all", "y", 1));
        log.close(new DisconnectedException("gone"));
        assertInstanceOf(DisconnectedException.class, waiting.exceptionNow());
        assertTrue(log.awaitContaining("zzz").isCompletedExceptionally());
        assertEquals("y", log.awaitContaining("y").join().text());
    }

    @Test
    void onlyTheLatestMessagesAreKept() {
        log.add(new Message("bob", "all", "first", 1));
        for (int i = 0; i < MessageLog.CAPACITY; i++) {
            log.add(new Message("bob", "all", "filler", 1));
        }
        assertFalse(log.awaitContaining("first").isDone());
    }
}
