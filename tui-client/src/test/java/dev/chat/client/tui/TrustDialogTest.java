package dev.chat.client.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trust dialog's threads and keys without a screen: the join thread waits, this test thread
 * plays the GUI thread by running what was posted to it.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TrustDialogTest {
    private static final String FINGERPRINT = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";

    private final BlockingQueue<Runnable> posted = new LinkedBlockingQueue<>();
    private final AtomicInteger quits = new AtomicInteger();
    private final TrustDialog dialog = new TrustDialog();

    /** Asks on a join thread of its own; returns its answer, and the asking thread's name. */
    private CompletableFuture<Boolean> askOnJoinThread() {
        dialog.bind(posted::add, quits::incrementAndGet);
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Thread.ofVirtual().name("chat-join").start(() -> answer.complete(dialog.trustNewServer("example.org:13337", FINGERPRINT)));
        return answer;
    }

    /** Runs what the join thread posted, as the GUI thread would. */
    private void runPosted() throws InterruptedException {
        Runnable task = posted.poll(10, TimeUnit.SECONDS);
        assertTrue(task != null, "nothing was posted to the GUI thread");
        task.run();
    }

    private static KeyStroke character(char c) {
        return new KeyStroke(c, false, false);
    }

    @Test
    void theJoinThreadWaitsUntilTheGuiThreadAnswersYes() throws Exception {
        CompletableFuture<Boolean> answer = askOnJoinThread();
        runPosted();
        assertTrue(dialog.showing());
        assertFalse(answer.isDone(), "no answer before a key");
        assertTrue(dialog.handle(character('x')), "the dialog takes every key while open");
        assertFalse(answer.isDone());
        assertTrue(dialog.handle(character('y')));
        assertTrue(answer.get(5, TimeUnit.SECONDS));
        assertFalse(dialog.showing());
        assertFalse(dialog.handle(character('y')), "closed, it passes keys on");
    }

    @Test
    void enterChoosesRefuseUnlessTabMovedToTrust() throws Exception {
        CompletableFuture<Boolean> refused = askOnJoinThread();
        runPosted();
        dialog.handle(new KeyStroke(KeyType.Enter));
        assertFalse(refused.get(5, TimeUnit.SECONDS));

        CompletableFuture<Boolean> trusted = askOnJoinThread();
        runPosted();
        dialog.handle(new KeyStroke(KeyType.Tab));
        dialog.handle(new KeyStroke(KeyType.Enter));
        assertTrue(trusted.get(5, TimeUnit.SECONDS));
    }

    @Test
    void ctrlCRefusesAndIsPassedOnSoThatItQuits() throws Exception {
        CompletableFuture<Boolean> answer = askOnJoinThread();
        runPosted();
        assertFalse(dialog.handle(new KeyStroke('c', true, false)));
        assertFalse(answer.get(5, TimeUnit.SECONDS));
    }

    @Test
    void closingRefusesAQuestionStillOpenAndEveryLaterOne() throws Exception {
        CompletableFuture<Boolean> answer = askOnJoinThread();
        await().until(() -> !posted.isEmpty());
        dialog.close();
        assertFalse(answer.get(5, TimeUnit.SECONDS));
        assertFalse(dialog.trustNewServer("example.org:13337", FINGERPRINT));
    }

    @Test
    void unboundItRefusesWithoutWaiting() {
        assertFalse(new TrustDialog().trustNewServer("example.org:13337", FINGERPRINT));
    }
}
