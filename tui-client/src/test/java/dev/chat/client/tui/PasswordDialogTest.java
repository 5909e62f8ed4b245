package dev.chat.client.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The password dialog's keys without a screen: what reaches {@code done}, and when it closes. */
class PasswordDialogTest {
    private final PasswordDialog dialog = new PasswordDialog();
    private final List<List<String>> answered = new ArrayList<>();
    private final AtomicInteger cancelled = new AtomicInteger();

    private void open(String... prompts) {
        dialog.open("Register alice", "", List.of(prompts), answered::add, cancelled::incrementAndGet);
    }

    private void type(String text) {
        text.chars().forEach(c -> assertTrue(dialog.handle(new KeyStroke((char) c, false, false))));
    }

    private boolean press(KeyType key) {
        return dialog.handle(new KeyStroke(key));
    }

    @Test
    void eachPromptTakesItsAnswerAndTheLastEnterHandsThemAllOnInOrder() {
        open("New password:", "Again:");
        type("correct horsf");
        press(KeyType.Backspace);
        type("e");
        press(KeyType.Enter);
        assertTrue(dialog.showing());
        type("correct horse");
        press(KeyType.Enter);
        assertEquals(List.of(List.of("correct horse", "correct horse")), answered);
        assertFalse(dialog.showing());
    }

    @Test
    void anEmptyEnterIsNoAnswerAndEscLeavesWithoutAnswering() {
        open("Password:");
        press(KeyType.Enter);
        assertTrue(dialog.showing(), "nothing typed: still asking");
        type("half");
        assertTrue(press(KeyType.Escape));
        assertFalse(dialog.showing());
        assertEquals(1, cancelled.get());
        assertEquals(List.of(), answered);
    }

    @Test
    void ctrlCLeavesTheDialogAndIsPassedOnToQuitAsEverywhere() {
        open("Password:");
        type("secret");
        assertFalse(dialog.handle(new KeyStroke('c', true, false)));
        assertFalse(dialog.showing());
        assertEquals(List.of(), answered);
        assertFalse(dialog.handle(new KeyStroke('x', false, false)), "closed: keys go to the key map");
    }
}
