package dev.chat.wire;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which names are valid, how they display, and which collide. */
final class NamesTest {
    private static final String ALLOWED = "a name may hold letters, digits, '_', '-' and '.', not ";
    private static final String INVISIBLE = "a name may not hold the invisible character ";
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
    void oneAndThirtyOneCodePointsAreValid() {
        assertValid("a");
        assertValid("a".repeat(31));
        assertValid(ASTRAL_LETTER.repeat(31));
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
    void rightToLeftOverrideAndJoinersAreInvalidAsInvisible() {
        assertInvalid("bob\u202Eevil", INVISIBLE + "U+202E");
        assertInvalid("a\u200Db", INVISIBLE + "U+200D");
    }

    @Test
    void combiningGraphemeJoinerIsInvalid() {
        assertInvalid("alice\u034F", INVISIBLE + "U+034F");
    }

    @Test
    void variationSelectorsAreInvalid() {
        assertInvalid("alice\uFE00", INVISIBLE + "U+FE00");
        assertInvalid("alice\uFE0F", INVISIBLE + "U+FE0F");
        assertInvalid("alice\uDB40\uDD00", INVISIBLE + "U+E0100"); // VARIATION SELECTOR-17
        assertInvalid("alice\uDB40\uDDEF", INVISIBLE + "U+E01EF"); // VARIATION SELECTOR-256
    }

    @Test
    void mongolianFreeVariationSelectorsAndVowelSeparatorAreInvalid() {
        for (char c = '\u180B'; c <= '\u180F'; c++) {
            assertInvalid("alice" + c, INVISIBLE + String.format("U+%04X", (int) c));
        }
    }

    @Test
    void hangulFillersAreInvalidAloneAndInsideAName() {
        // Each is a letter (Lo) that draws nothing, so a name of fillers looks empty.
        assertInvalid("\u3164", INVISIBLE + "U+3164");
        assertInvalid("\u3164\u3164\u3164", INVISIBLE + "U+3164");
        assertInvalid("al\u115Fice", INVISIBLE + "U+115F");
        assertInvalid("al\u1160ice", INVISIBLE + "U+1160");
        assertInvalid("al\uFFA0ice", INVISIBLE + "U+FFA0");
    }

    @Test
    void zeroWidthAndDirectionMarksAreInvalid() {
        for (char c = '\u200B'; c <= '\u200F'; c++) {
            assertInvalid("al" + c + "ice", INVISIBLE + String.format("U+%04X", (int) c));
        }
        assertInvalid("al\u2060ice", INVISIBLE + "U+2060"); // WORD JOINER
        assertInvalid("al\u2064ice", INVISIBLE + "U+2064"); // INVISIBLE PLUS
        assertInvalid("al\u00ADice", INVISIBLE + "U+00AD"); // SOFT HYPHEN
    }

    @Test
    void tagCharactersAreInvalid() {
        assertInvalid("alice\uDB40\uDC41", INVISIBLE + "U+E0041"); // TAG LATIN CAPITAL LETTER A
        assertInvalid("alice\uDB40\uDC7F", INVISIBLE + "U+E007F"); // CANCEL TAG
    }

    @Test
    void cyrillicLookAlikesCollideWithLatin() {
        assertEquals(Names.key("alice"), Names.key("\u0430lice")); // CYRILLIC SMALL LETTER A
        assertEquals(Names.key("server2"), Names.key("\u0455erver2")); // CYRILLIC SMALL LETTER DZE
        assertEquals(Names.key("bob"), Names.key("b\u043Eb")); // CYRILLIC SMALL LETTER O
    }

    @Test
    void confusablesCollideInAnyCase() {
        assertEquals(Names.key("Alice"), Names.key("\u0410LICE")); // CYRILLIC CAPITAL LETTER A
        assertEquals(Names.key("alice"), Names.key("\uFF41lice")); // FULLWIDTH a
        assertEquals(Names.key("rn"), Names.key("m"));
        assertEquals(Names.key("o0"), Names.key("oo"));
    }

    @Test
    void reservedNamesAreInvalidInLookAlikeSpellings() {
        assertInvalid("\u0430ll", "'\u0430ll' is reserved"); // Cyrillic a + ll
        assertInvalid("\u0455erver", "'\u0455erver' is reserved");
        assertInvalid("\u0405ERVER", "'\u0405ERVER' is reserved"); // CYRILLIC CAPITAL LETTER DZE
        assertInvalid("a11", "'a11' is reserved"); // digit one looks like l
    }

    @Test
    void broadcastTargetMatchesLookAlikesOfAll() {
        assertTrue(Names.isBroadcast("\u0430ll"));
    }

    @Test
    void sharpSIsFoldedLikeDoubleS() {
        assertEquals(Names.key("strasse"), Names.key("Stra\u00DFe"));
    }

    @Test
    void inputAtTheBoundIsNormalisedAndCounted() {
        // 256 UTF-16 units: the longest input looked at. 'a' + 255 marks is one letter with marks.
        String marks = "a" + "\u0301".repeat(Names.MAX_INPUT_CHARS - 1);
        assertEquals(Names.MAX_INPUT_CHARS, marks.length());
        assertInvalid(marks, "a name has at most 32 characters, this one has 255");
        String hangulJamo = "\u1100\u1161\u11A8".repeat(32); // 32 syllables spelled as 96 jamo
        assertEquals(32, Names.validate(hangulJamo).length());
    }

    @Test
    void inputOneOverTheBoundIsRefusedBeforeNormalising() {
        String marks = "a" + "\u0301".repeat(Names.MAX_INPUT_CHARS);
        assertInvalid(marks, "a name has at most 32 characters; this one is 257 UTF-16 units long");
        ProtocolException e = assertThrows(ProtocolException.class, () -> Names.key(marks));
        assertEquals(ErrorCode.NAME_INVALID, e.code());
        assertFalse(Names.isBroadcast("all" + " ".repeat(Names.MAX_INPUT_CHARS)));
    }

    @Test
    void theLongestSpellingOfAValidNameIsWithinTheBound() {
        // U+1F82 decomposes to 4 code points (the NFD maximum); 32 of them in NFD are 128 units.
        String nfd = java.text.Normalizer.normalize("\u1F82".repeat(32), java.text.Normalizer.Form.NFD);
        assertEquals(128, nfd.length());
        assertEquals("\u1F82".repeat(32), Names.validate(nfd));
        // 32 astral letters are 64 units; 32 CJK compatibility ideographs (astral) compose to BMP.
        assertValid(ASTRAL_LETTER.repeat(32));
        assertEquals(32, Names.validate("\uD87E\uDC00".repeat(32)).length()); // U+2F800 -> U+4E3D
    }

    @Test
    void fiftyAttackNamesOfThirtyTwoThousandMarksCostLittleCpu() {
        // The audit's line: 0.4 s of CPU each in NFC before the length was checked first.
        String attack = "a" + "\u0301".repeat(16_000) + "\u0316".repeat(16_000);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long began = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < 50; i++) {
            assertThrows(ProtocolException.class, () -> Names.validate(attack));
            assertThrows(ProtocolException.class, () -> Names.key(attack));
            assertFalse(Names.isBroadcast(attack));
        }
        long millis = (cpu.getCurrentThreadCpuTime() - began) / 1_000_000;
        assertTrue(millis < 200, () -> "50 attack names cost " + millis + " ms of CPU");
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
