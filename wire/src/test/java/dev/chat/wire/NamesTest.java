package dev.chat.wire;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which names are valid, how they display, and which collide. */
final class NamesTest {
    private static final String ALLOWED = "a name may hold letters, digits, '_', '-' and '.', not ";
    /** U+1D400 MATHEMATICAL BOLD CAPITAL A: one letter, two Java chars. */
    private static final String ASTRAL_LETTER = "\uD835\uDC00";

    @Test
    void asciiLettersDigitsAndPunctuationAreValid() {
        assertValid("alice");
        assertValid("Bob_2");
        assertValid("x-y.z");
        assertValid("42");
        assertValid("_");
    }

    @Test
    void hebrewIsValid() {
        assertValid("שלום");
        assertValid("דני_2");
    }

    @Test
    void hebrewWithPointsIsValid() {
        assertValid("שָׁלוֹם");
    }

    @Test
    void displayFormIsNfc() {
        assertEquals("é", Names.validate("e\u0301"));
    }

    @Test
    void emptyNameIsInvalid() {
        assertInvalid("", "a name cannot be empty");
    }

    @Test
    void thirtyTwoCodePointsAreValidEvenAsSixtyFourChars() {
        String name = ASTRAL_LETTER.repeat(32);
        assertEquals(64, name.length());
        assertValid(name);
        assertValid("a".repeat(32));
    }

    @Test
    void thirtyThreeCodePointsAreInvalid() {
        assertInvalid(ASTRAL_LETTER.repeat(33), "a name has at most 32 characters, this one has 33");
        assertInvalid("a".repeat(33), "a name has at most 32 characters, this one has 33");
    }

    @Test
    void codePointsAreCountedAfterNfc() {
        // 32 letters written as 64 code points in NFD compose to 32.
        assertEquals("é".repeat(32), Names.validate("e\u0301".repeat(32)));
    }

    @Test
    void spaceIsInvalid() {
        assertInvalid("al ice", ALLOWED + "U+0020");
    }

    @Test
    void colonIsInvalid() {
        assertInvalid("bob:", ALLOWED + "':'");
    }

    @Test
    void nulAndControlCharactersAreInvalid() {
        assertInvalid("a\u0000", ALLOWED + "U+0000");
        assertInvalid("a\u001B[2J", ALLOWED + "U+001B");
        assertInvalid("a\n", ALLOWED + "U+000A");
        assertInvalid("a\u007F", ALLOWED + "U+007F");
    }

    @Test
    void rightToLeftOverrideIsInvalid() {
        assertInvalid("bob\u202Eevil", ALLOWED + "U+202E");
        assertInvalid("a\u200Db", ALLOWED + "U+200D");
    }

    @Test
    void leadingCombiningMarkIsInvalid() {
        assertInvalid("\u05B8שלום", ALLOWED + "'\u05B8'");
        assertInvalid("\u0301a", ALLOWED + "'\u0301'");
    }

    @Test
    void symbolsAndEmojiAreInvalid() {
        assertInvalid("a@b", ALLOWED + "'@'");
        assertInvalid("*", ALLOWED + "'*'");
        assertInvalid("hi😀", ALLOWED + "'😀'");
    }

    @Test
    void reservedNamesAreInvalidInAnyCase() {
        assertInvalid("all", "'all' is reserved");
        assertInvalid("ALL", "'ALL' is reserved");
        assertInvalid("Server", "'Server' is reserved");
        assertInvalid("everyone", "'everyone' is reserved");
        assertInvalid("SYSTEM", "'SYSTEM' is reserved");
        assertInvalid("ａｌｌ", "'ａｌｌ' is reserved");
    }

    @Test
    void namesThatMerelyContainAReservedWordAreValid() {
        assertValid("allison");
        assertValid("server2");
    }

    @Test
    void caseAndWidthVariantsCollide() {
        assertEquals(Names.key("Alice"), Names.key("ALICE"));
        assertEquals(Names.key("Alice"), Names.key("Ａｌｉｃｅ"));
        assertEquals("alice", Names.key("Ａｌｉｃｅ"));
    }

    @Test
    void nfcAndNfdCollide() {
        assertEquals(Names.key("José"), Names.key("Jose\u0301"));
        assertEquals(Names.key("שָׁלוֹם"), Names.key(java.text.Normalizer.normalize("שָׁלוֹם",
                java.text.Normalizer.Form.NFD)));
    }

    @Test
    void differentNamesDoNotCollide() {
        assertNotEquals(Names.key("alice"), Names.key("alice2"));
        assertNotEquals(Names.key("שלום"), Names.key("שָׁלוֹם"));
    }

    @Test
    void broadcastTargetIsAllInAnyCaseOrWidth() {
        assertTrue(Names.isBroadcast("all"));
        assertTrue(Names.isBroadcast("ALL"));
        assertTrue(Names.isBroadcast("ａｌｌ"));
        assertFalse(Names.isBroadcast("everyone"));
        assertFalse(Names.isBroadcast("alice"));
    }

    private static void assertValid(String name) {
        assertEquals(java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFC), Names.validate(name));
    }

    private static void assertInvalid(String name, String message) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> Names.validate(name));
        Lines.assertError(e, ErrorCode.NAME_INVALID, message, null);
    }
}
