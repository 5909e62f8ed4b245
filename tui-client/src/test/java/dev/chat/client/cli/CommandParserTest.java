package dev.chat.client.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandParserTest {
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

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void aBlankLineIsNothing(String line) {
        assertEquals(new Command.Nothing(), CommandParser.parse(line));
    }
}
