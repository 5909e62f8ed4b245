package dev.chat.client.cli;

import dev.chat.client.command.CommandParser;
import dev.chat.wire.frame.FileEntry;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Completion candidates for what is typed, without a terminal. */
class ChatCompleterTest {
    private final Directory directory = new Directory();
    private final ChatCompleter completer = new ChatCompleter(directory);
    private final DefaultParser parser = new DefaultParser().quoteChars(new char[0]).escapeChars(new char[0]);

    @BeforeEach
    void someoneIsOnlineAndSomethingShared() {
        directory.usersOnline(List.of("alice", "bob", "Bertha"));
        directory.files(List.of(new FileEntry("notes.txt", 1, null), new FileEntry("big.iso", 2, null)));
    }

    private List<Candidate> complete(String typed) {
        ParsedLine line = parser.parse(typed, typed.length(), Parser.ParseContext.COMPLETE);
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, line, candidates);
        return candidates;
    }

    private static List<String> values(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void namesAtTheStartOfALineCompleteToAnAddressWithColon() {
        List<Candidate> candidates = complete("bo");
        assertEquals(List.of("all:", "alice:", "Bertha:", "bob:"), values(candidates));
        assertTrue(candidates.stream().allMatch(Candidate::complete), "a space follows the colon");
    }

    @Test
    void aNameThatLeftIsNoLongerOffered() {
        directory.left("BOB");
        assertEquals(List.of("all:", "alice:", "Bertha:"), values(complete("b")));
    }

    @Test
    void commandsCompleteAfterASlashButOnlyThoseLineModeCarriesOut() {
        List<String> offered = values(complete("/g"));
        assertTrue(offered.containsAll(List.of("/to", "/get", "/cancel", "/reconnect", "/quit")), offered.toString());
        assertTrue(!offered.contains("/clear") && !offered.contains("/joins"), offered.toString());
    }

    @Test
    void fileNamesCompleteAfterSlashGet() {
        assertEquals(List.of("big.iso", "notes.txt"), values(complete("/get no")));
    }

    @Test
    void namesCompleteAfterSlashToWithoutColon() {
        assertEquals(List.of("all", "alice", "Bertha", "bob"), values(complete("/to b")));
    }

    @Test
    void messageTextIsNotCompleted() {
        assertEquals(List.of(), values(complete("bob: see yo")));
    }
}
