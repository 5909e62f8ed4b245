package dev.chat.client.tui;

import dev.chat.client.TransferProtocol;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing, completion, history, editing, scrollback and backoff: pure, no terminal. */
class InputLogicTest {
    @Test
    void tabCyclesThroughMatchesForTheWordUnderTheCursor() {
        Completer c = new Completer();
        List<String> names = List.of("bob", "Bea", "carol");
        assertEquals(new Completer.Result("Bea: ", 5), c.complete("b", 1, names, List.of()));
        assertEquals(new Completer.Result("bob: ", 5), c.complete("Bea: ", 5, names, List.of()));
        assertEquals(new Completer.Result("Bea: ", 5), c.complete("bob: ", 5, names, List.of()));
        c.reset();
        assertEquals(new Completer.Result("/users ", 7), c.complete("/u", 2, names, List.of()));
        c.reset();
        assertEquals(new Completer.Result("/to all", 7), c.complete("/to a", 5, names, List.of()));
        c.reset();
        assertEquals(new Completer.Result("/get docs/a.txt ", 16), c.complete("/get d", 6, names, List.of("docs/a.txt")));
        c.reset();
        assertEquals(new Completer.Result("/get x tcp", 10), c.complete("/get x t", 8, names, List.of()));
        c.reset();
        assertEquals(new Completer.Result("hi carol ", 9), c.complete("hi c", 4, names, List.of()));
        c.reset();
        assertEquals(new Completer.Result("zz", 2), c.complete("zz", 2, names, List.of()));
    }

    @Test
    void historyRecallsOlderLinesAndBringsBackTheDraft() {
        History h = new History();
        h.add("one");
        h.add("two");
        h.add("two");
        assertEquals(2, h.size());
        assertEquals("two", h.up("draft"));
        assertEquals("one", h.up("two"));
        assertEquals("one", h.up("one"));
        assertEquals("two", h.down("one"));
        assertEquals("draft", h.down("two"));
        assertEquals("draft", h.down("draft"));
    }

    @Test
    void editorMovesAndDeletesWholeGraphemes() {
        InputEditor e = new InputEditor();
        e.set("a😀b");
        e.left();
        e.left();
        assertEquals(1, e.cursor());
        assertEquals(1, e.cursorColumn());
        e.delete();
        assertEquals("ab", e.text());
        e.end();
        e.backspace();
        assertEquals("a", e.text());
        e.set("hello big world");
        e.deleteWord();
        assertEquals("hello big ", e.text());
        assertEquals("hello big ", e.take());
        assertEquals("", e.text());
    }

    @Test
    void scrollbackKeepsTheNewestTenThousandLinesAndCountsUnreadWhileScrolledUp() {
        Scrollback s = new Scrollback(Scrollback.DEFAULT_CAPACITY);
        for (int i = 0; i < 10_005; i++) {
            s.append(ChatLine.info(i, "line " + i));
        }
        assertEquals(10_000, s.size());
        assertEquals("line 5", s.get(0).text());
        assertEquals("line 10004", s.get(s.bottomIndex()).text());
        s.scroll(10);
        assertTrue(s.scrolledUp());
        s.append(ChatLine.info(0, "new"));
        s.append(ChatLine.info(0, "newer"));
        assertEquals(2, s.unread());
        assertEquals("line 9994", s.get(s.bottomIndex()).text(), "the view stays on the same lines");
        s.scroll(-100);
        assertFalse(s.scrolledUp());
        assertEquals(0, s.unread());
        s.clear();
        assertEquals(-1, s.bottomIndex());
    }

    @Test
    void backoffDoublesFromOneSecondToThirtyAndResets() {
        Backoff b = new Backoff();
        List<Long> seconds = java.util.stream.Stream.generate(b::next).limit(7).map(Duration::toSeconds).toList();
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L), seconds);
        b.reset();
        assertEquals(Duration.ofSeconds(1), b.next());
    }

    @Test
    void ctrlKKillsToTheEndAndCtrlYYanksItBackWhereTheCursorIs() {
        InputEditor e = new InputEditor();
        e.set("hello big world");
        e.wordLeft();
        assertEquals(10, e.cursor());
        e.killToEnd();
        assertEquals("hello big ", e.text());
        e.home();
        e.yank();
        assertEquals("worldhello big ", e.text());
        assertEquals(5, e.cursor());
        e.killLine();
        assertEquals("", e.text());
        e.yank();
        assertEquals("worldhello big ", e.text(), "Ctrl-U kills too");
    }

    @Test
    void altBAndAltFMoveByWordsOverRunsOfSpaces() {
        InputEditor e = new InputEditor();
        e.set("one  two three", 0);
        e.wordRight();
        assertEquals(3, e.cursor());
        e.wordRight();
        assertEquals(8, e.cursor());
        e.wordLeft();
        assertEquals(5, e.cursor());
        e.wordLeft();
        assertEquals(0, e.cursor());
    }

    @Test
    void backoffForADaemonOnThisMachineStopsAtTwoSeconds() {
        Backoff b = Backoff.forServer(true);
        List<Long> seconds = java.util.stream.Stream.generate(b::next).limit(4).map(Duration::toSeconds).toList();
        assertEquals(List.of(1L, 2L, 2L, 2L), seconds);
        assertEquals(Duration.ofSeconds(4), java.util.stream.Stream.generate(Backoff.forServer(false)::next)
                .skip(2).findFirst().orElseThrow());
    }

    @Test
    void chatLinesMarkPrivateMessagesWithBothSides() {
        assertEquals("bob -> you:", new ChatLine(0, ChatLine.Kind.PRIVATE_IN, "bob", "alice", "hi").prefix());
        assertEquals("you -> bob:", new ChatLine(0, ChatLine.Kind.PRIVATE_OUT, "alice", "bob", "hi").prefix());
        assertEquals("carol left (timed out)", Cells.visualTemplate(new ChatLine(0, ChatLine.Kind.LEAVE, "carol", "timed out", "").body()));
    }
}
