package dev.chat.daemon.store;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Argon2idTest {
    /** Small parameters so the round trips stay fast; the OWASP ones are checked once below. */
    private static final Argon2id.Params FAST = new Argon2id.Params(64, 1, 1);

    @Test
    void theGeneratorMatchesTheArgon2idTestVectorOfRfc9106() {
        byte[] password = filled(32, 0x01);
        byte[] salt = filled(16, 0x02);
        byte[] secret = filled(8, 0x03);
        byte[] associated = filled(12, 0x04);
        byte[] tag = Argon2id.raw(password, salt, new Argon2id.Params(32, 3, 4), secret, associated, 32);
        assertArrayEquals(HexFormat.of().parseHex(
                "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"), tag);
    }

    @Test
    void aPhcStringFromTheReferenceImplementationVerifies() {
        // phc-winner-argon2 src/test.c: argon2id, t=2, m=2^16 KiB, p=1, "password", salt "somesalt".
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertTrue(Argon2id.verify("password".toCharArray(), reference));
        assertFalse(Argon2id.verify("Password".toCharArray(), reference));
    }

    @Test
    void anEncodedHashIsPhcShapedSaltedAndVerifiesOnlyTheRightPassword() {
        String a = Argon2id.encode("hunter2".toCharArray(), Argon2id.OWASP);
        String b = Argon2id.encode("hunter2".toCharArray(), Argon2id.OWASP);
        assertTrue(a.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), a);
        assertNotEquals(a, b, "a fresh salt each time");
        assertTrue(Argon2id.verify("hunter2".toCharArray(), a));
        assertFalse(Argon2id.verify("hunter3".toCharArray(), a));
        assertFalse(Argon2id.verify(new char[0], a));
    }

    @Test
    void nonAsciiPasswordsAreHashedAsUtf8() {
        String encoded = Argon2id.encode("pässwörd ☕".toCharArray(), FAST);
        assertTrue(Argon2id.verify("pässwörd ☕".toCharArray(), encoded));
        assertFalse(Argon2id.verify("passwörd ☕".toCharArray(), encoded));
    }

    @Test
    void malformedOrTooCostlyStoredHashesVerifyNothingAndCostNothing() {
        String good = Argon2id.encode("x".toCharArray(), FAST);
        for (String bad : new String[]{"", "plain", "$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8",
                good.replace("v=19", "v=16"), good.replace("m=64", "m=9999999"), good.replace("t=1", "t=99"),
                good.replace("m=64", "m=4"), good + "$extra", good.substring(0, good.length() - 30)}) {
            assertFalse(Argon2id.verify("x".toCharArray(), bad), bad);
        }
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
