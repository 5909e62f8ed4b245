package dev.chat.client.command;

import dev.chat.client.TransferProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandParserTest {
    @Test
    void meTakesTheRestOfTheLineAsTheActionAndNeedsSome() {
        assertEquals(new Command.Action("waves at  everyone"), CommandParser.parse("/me waves at  everyone"));
        assertEquals(new Command.Action("bob: hi"), CommandParser.parse("/me bob: hi")); // no target prefix in an action
        Command.Invalid empty = assertInstanceOf(Command.Invalid.class, CommandParser.parse("/me   "));
        assertEquals("usage: /me TEXT", empty.reason());
    }

    @Test
    void awayTakesAnOptionalReasonAndAloneOrBackMeansBack() {
        assertEquals(new Command.Away("out to lunch"), CommandParser.parse("/away out to lunch"));
        assertEquals(new Command.Away(null), CommandParser.parse("/away"));
        assertEquals(new Command.Away(null), CommandParser.parse("/away   "));
        assertTrue(((Command.Away) CommandParser.parse("/back")).back());
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/back soon"));
    }

    @Test
    void meAwayAndBackAreListedForHelpAndCompletion() {
        assertTrue(CommandParser.COMMANDS.containsAll(java.util.List.of("/me", "/away", "/back")));
        assertTrue(java.util.Collections.disjoint(CommandParser.FULL_SCREEN_ONLY, java.util.List.of("/me", "/away", "/back")));
    }

    @Test
    void historyTakesAnOptionalCountFromOneToAThousand() {
        assertEquals(new Command.History(20), CommandParser.parse("/history"));
        assertEquals(new Command.History(5), CommandParser.parse("/history 5"));
        assertEquals(new Command.History(1000), CommandParser.parse("/history 1000"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/history 0"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/history 1001"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/history lots"));
    }

    @Test
    void registerTakesNoPasswordOnTheLineWhereHistoryWouldKeepIt() {
        assertEquals(new Command.Register(), CommandParser.parse("/register"));
        Command.Invalid typed = assertInstanceOf(Command.Invalid.class, CommandParser.parse("/register hunter22"));
        assertTrue(typed.reason().contains("never typed on the line"), typed.reason());
    }
    @Test
    void queryCloseSearchAndBellParseWithTheirUsage() {
        assertEquals(new Command.Query("bob"), CommandParser.parse("/query bob"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/query"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/query all"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/query bob carol"));
        assertEquals(new Command.Close(), CommandParser.parse("/close"));
        assertEquals(new Command.Search("deploy key"), CommandParser.parse("/search deploy key"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/search"));
        assertEquals(new Command.Bell(false), CommandParser.parse("/bell off"));
        assertEquals(new Command.Bell(true), CommandParser.parse("/bell on"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/bell loud"));
    }

    @Test
    void aNamedTargetBeforeAColonGetsTheText() {
        assertEquals(new Command.SendTo("bob", "hi"), CommandParser.parse("bob: hi"));
    }

    @Test
    void allBeforeAColonIsABroadcast() {
        assertEquals(new Command.SendTo("all", "hi there"), CommandParser.parse("all: hi there"));
    }

    @Test
    void theTextKeepsLaterColonsAndTrailingSpaceButLosesLeadingSpace() {
        assertEquals(new Command.SendTo("bob", "at 12:30: lunch? "), CommandParser.parse("bob:   at 12:30: lunch? "));
    }

    @Test
    void aColonWithoutSpaceAfterTheTargetStillAddressesIt() {
        assertEquals(new Command.SendTo("Zoë", "hej"), CommandParser.parse("Zoë:hej"));
    }

    @Test
    void aTargetWithNothingAfterTheColonSendsEmptyTextForTheClientToRefuse() {
        assertEquals(new Command.SendTo("bob", ""), CommandParser.parse("bob:"));
    }

    @Test
    void aLineWithoutTargetGoesToTheCurrentTarget() {
        assertEquals(new Command.SendToCurrent("hello world"), CommandParser.parse("hello world"));
    }

    @Test
    void aPrefixThatCannotBeANameIsPartOfTheText() {
        assertEquals(new Command.SendToCurrent("note to self: buy milk"), CommandParser.parse("note to self: buy milk"));
        assertEquals(new Command.SendToCurrent(": starts with a colon"), CommandParser.parse(": starts with a colon"));
        assertEquals(new Command.SendToCurrent("server: is reserved"), CommandParser.parse("server: is reserved"));
    }

    @Test
    void aUrlAtTheStartOfALineIsTextNotAnAddress() {
        assertEquals(new Command.SendToCurrent("http://example.com/a is up"), CommandParser.parse("http://example.com/a is up"));
        assertEquals(new Command.SendToCurrent("https://x.org"), CommandParser.parse("https://x.org"));
        assertEquals(new Command.SendToCurrent("ftp://host/file"), CommandParser.parse("ftp://host/file"));
    }

    @Test
    void getWithAnUnknownProtocolIsAUsageErrorNotPartOfTheName() {
        assertEquals(new Command.Invalid("unknown protocol 'ftp': usage: /get FILE [tcp|udp]"), CommandParser.parse("/get x ftp"));
        assertEquals(new Command.Invalid("unknown protocol 'HTTP': usage: /get FILE [tcp|udp]"), CommandParser.parse("/get a b HTTP"));
    }

    @Test
    void aDoubleSlashSendsTheLineWithOneSlash() {
        assertEquals(new Command.SendToCurrent("/shrug"), CommandParser.parse("//shrug"));
    }

    @Test
    void slashToSwitchesTheTarget() {
        assertEquals(new Command.SwitchTarget("carol"), CommandParser.parse("/to carol"));
        assertEquals(new Command.SwitchTarget("all"), CommandParser.parse("  /to   all  ".strip()));
    }

    @Test
    void slashToNeedsExactlyOneValidName() {
        assertEquals(new Command.Invalid("usage: /to NAME"), CommandParser.parse("/to"));
        assertEquals(new Command.Invalid("usage: /to NAME"), CommandParser.parse("/to bob carol"));
        assertEquals(new Command.Invalid("'b@d' is not a valid name"), CommandParser.parse("/to b@d"));
    }

    @Test
    void usersQuitAndHelpAreCommands() {
        assertEquals(new Command.ListUsers(), CommandParser.parse("/users"));
        assertEquals(new Command.Quit(), CommandParser.parse("/quit"));
        assertEquals(new Command.Quit(), CommandParser.parse("/quit "));
        assertEquals(new Command.Help(), CommandParser.parse("/help"));
    }

    @Test
    void commandsWithUnexpectedArgumentsAreInvalid() {
        assertEquals(new Command.Invalid("usage: /users"), CommandParser.parse("/users all"));
        assertEquals(new Command.Invalid("usage: /quit"), CommandParser.parse("/quit now"));
    }

    @Test
    void anUnknownSlashCommandIsInvalidAndNamed() {
        Command.Invalid invalid = assertInstanceOf(Command.Invalid.class, CommandParser.parse("/kick bob"));
        assertTrue(invalid.reason().contains("/kick"), invalid.reason());
    }

    @Test
    void filesIsACommand() {
        assertEquals(new Command.ListFiles(), CommandParser.parse("/files"));
        assertEquals(new Command.Invalid("usage: /files"), CommandParser.parse("/files x"));
    }

    @Test
    void getDownloadsOverUdpUnlessTcpIsNamedLast() {
        assertEquals(new Command.Get("notes.txt", TransferProtocol.UDP), CommandParser.parse("/get notes.txt"));
        assertEquals(new Command.Get("notes.txt", TransferProtocol.TCP), CommandParser.parse("/get notes.txt tcp"));
        assertEquals(new Command.Get("notes.txt", TransferProtocol.UDP), CommandParser.parse("/get notes.txt UDP"));
        assertEquals(new Command.Get("my notes.txt", TransferProtocol.TCP), CommandParser.parse("/get my notes.txt tcp"));
        assertEquals(new Command.Get("tcp", TransferProtocol.UDP), CommandParser.parse("/get tcp"));
        assertEquals(new Command.Invalid("usage: /get FILE [tcp|udp]"), CommandParser.parse("/get"));
    }

    @Test
    void expectWaitsTenSecondsUnlessATrailingNumberSaysOtherwise() {
        assertEquals(new Command.Expect("hello bob", Duration.ofSeconds(10)), CommandParser.parse("/expect hello bob"));
        assertEquals(new Command.Expect("hello bob", Duration.ofSeconds(3)), CommandParser.parse("/expect hello bob 3"));
        assertEquals(new Command.Expect("42", Duration.ofSeconds(10)), CommandParser.parse("/expect 42"));
        assertEquals(new Command.Expect("שלום!", Duration.ofSeconds(10)), CommandParser.parse("/expect שלום!"));
        assertEquals(new Command.Invalid("usage: /expect TEXT [SECONDS]"), CommandParser.parse("/expect"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/expect hi 0"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/expect hi 99999"));
    }

    @Test
    void sleepTakesMilliseconds() {
        assertEquals(new Command.Sleep(Duration.ofMillis(250)), CommandParser.parse("/sleep 250"));
        assertEquals(new Command.Sleep(Duration.ZERO), CommandParser.parse("/sleep 0"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/sleep"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/sleep -5"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/sleep soon"));
    }

    @Test
    void anExclamationMarkAndHebrewAreTextLikeAnyOther() {
        assertEquals(new Command.SendTo("bob", "שלום! מה נשמע?"), CommandParser.parse("bob: שלום! מה נשמע?"));
        assertEquals(new Command.SendToCurrent("!!"), CommandParser.parse("!!"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"# a comment", "#", "#bob: hi"})
    void aLineStartingWithHashIsAComment(String line) {
        assertEquals(new Command.Nothing(), CommandParser.parse(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void aBlankLineIsNothing(String line) {
        assertEquals(new Command.Nothing(), CommandParser.parse(line));
    }

    @Test
    void cancelAndClearAreParsedForTheFullScreenClient() {
        assertEquals(new Command.Cancel(4), CommandParser.parse("/cancel 4"));
        assertEquals(new Command.Clear(), CommandParser.parse("/clear"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/cancel x"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/cancel 0"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/clear all"));
    }

    @Test
    void reconnectAndNickAreCommandsAndNickChecksTheName() {
        assertEquals(new Command.Reconnect(), CommandParser.parse("/reconnect"));
        assertEquals(new Command.Nick("alice2"), CommandParser.parse("/nick alice2"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/nick"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/nick two words"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/nick all"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/reconnect now"));
    }

    @Test
    void clearTransfersAndJoinsTakeTheirOneWord() {
        assertEquals(new Command.Clear(), CommandParser.parse("/clear"));
        assertEquals(new Command.ClearTransfers(), CommandParser.parse("/clear transfers"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/clear everything"));
        assertEquals(new Command.JoinLines(true), CommandParser.parse("/joins all"));
        assertEquals(new Command.JoinLines(false), CommandParser.parse("/joins smart"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/joins"));
    }

    @Test
    void slashMsgIsTextForThatNameAsWithAColon() {
        assertEquals(new Command.SendTo("bob", "lunch at 12:30?"), CommandParser.parse("/msg bob lunch at 12:30?"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/msg bob"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/msg"));
    }
}
