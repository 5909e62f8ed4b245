package dev.chat.wire.irc;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class IrcNicksTest {
    @Test
    void aNameThatIsAValidNickStaysAsItIs() {
        assertEquals("alice", IrcNicks.toNick("alice"));
        assertEquals("Bob_2-x[a]{b}|^\\", IrcNicks.toNick("Bob_2-x[a]{b}|^\\"));
    }

    @Test
    void everyOtherCharacterIsWrittenAsItsCodePointInBackticks() {
        assertEquals("bob`2e`s", IrcNicks.toNick("bob.s"));
        assertEquals("`5d3``5e0``5d9`", IrcNicks.toNick("דני"));
        assertEquals("`31`st", IrcNicks.toNick("1st"));
        assertEquals("`2d`x", IrcNicks.toNick("-x"));
        assertEquals("a`60`b", IrcNicks.toNick("a`b"));
        assertEquals("`1f600`", IrcNicks.toNick("😀"));
    }

    @Test
    void everyNameRoundTrips() {
        for (String name : List.of("alice", "bob.s", "דני", "1st", "-x", "a`b", "😀x", "José", "e\u0301", "`", "``5d3`")) {
            String nick = IrcNicks.toNick(name);
            assertEquals(Optional.of(name), IrcNicks.toName(nick), nick);
            assertTrue(IrcNicks.isCanonical(nick), nick);
        }
    }

    @Test
    void hexDigitsMayBeInEitherCaseButOnlyLowerCaseIsCanonical() {
        assertEquals(Optional.of("דני"), IrcNicks.toName("`5D3``5E0``5D9`"));
        assertFalse(IrcNicks.isCanonical("`5D3`"));
    }

    @Test
    void malformedEscapesHaveNoName() {
        for (String nick : List.of("a`", "a``b", "`zz`", "`1234567`", "`d800`", "`110000`")) {
            assertEquals(Optional.empty(), IrcNicks.toName(nick), nick);
            assertFalse(IrcNicks.isCanonical(nick), nick);
        }
    }

    @Test
    void anEscapeOfAPlainCharacterIsNotCanonical() {
        assertEquals(Optional.of("a"), IrcNicks.toName("`61`"));
        assertFalse(IrcNicks.isCanonical("`61`"));
        assertFalse(IrcNicks.isCanonical(""));
    }
}
