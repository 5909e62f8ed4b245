package dev.chat.wire.udp;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HKDF against RFC 5869's SHA-256 test vectors, and the retry cookie's rules. */
final class CryptoVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    private static void rfc5869(String ikm, String salt, String info, int length, String prk, String okm) {
        byte[] p = Hkdf.extract(HEX.parseHex(salt), HEX.parseHex(ikm));
        assertEquals(prk, HEX.formatHex(p));
        assertEquals(okm, HEX.formatHex(Hkdf.expand(p, HEX.parseHex(info), length)));
    }

    @Test
    void hkdfMatchesRfc5869TestCase1() {
        rfc5869("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c", "f0f1f2f3f4f5f6f7f8f9", 42,
                "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    @Test
    void hkdfMatchesRfc5869TestCase2WithLongInputs() {
        StringBuilder ikm = new StringBuilder();
        StringBuilder salt = new StringBuilder();
        StringBuilder info = new StringBuilder();
        for (int i = 0; i < 80; i++) {
            ikm.append(HEX.toHexDigits((byte) i));
            salt.append(HEX.toHexDigits((byte) (0x60 + i)));
            info.append(HEX.toHexDigits((byte) (0xb0 + i)));
        }
        rfc5869(ikm.toString(), salt.toString(), info.toString(), 82,
                "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
                "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09"
                        + "da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87");
    }

    @Test
    void hkdfMatchesRfc5869TestCase3WithAnEmptySaltAndInfo() {
        rfc5869("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "", 42,
                "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
                "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }

    @Test
    void theSampleKeysAreDerivedAsTheSpecificationSays() {
        byte[] prk = Hkdf.extract("chat rudp v2".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                HEX.parseHex(SampleDatagrams.SECRET_HEX));
        assertArrayEquals(Hkdf.expand(prk, RudpKeys.info("s2r key", 77), 16), SampleDatagrams.KEYS.toReceiver.key());
        assertArrayEquals(Hkdf.expand(prk, RudpKeys.info("r2s iv", 77), 12), SampleDatagrams.KEYS.toSender.iv());
        assertEquals("s2r key" + "\0\0\0\0\0\0\0M", new String(RudpKeys.info("s2r key", 77),
                java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void aKeyThatIsNot64HexDigitsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RudpKeys.fromHex("00", 1));
    }

    @Test
    void aCookieIsGoodForItsAddressPortAndConnectionWithinItsLifetimeOnly() {
        AddressValidator v = new AddressValidator(new byte[32], 30_000);
        byte[] ip = {127, 0, 0, 1};
        byte[] cookie = v.mint(77, ip, 5000, 1_000);
        assertTrue(v.check(77, ip, 5000, cookie, 1_000));
        assertTrue(v.check(77, ip, 5000, cookie, 31_000));
        assertFalse(v.check(77, ip, 5000, cookie, 31_001), "expired");
        assertFalse(v.check(77, ip, 5000, cookie, 999), "from the future");
        assertFalse(v.check(78, ip, 5000, cookie, 1_000), "another connection");
        assertFalse(v.check(77, ip, 5001, cookie, 1_000), "another port");
        assertFalse(v.check(77, new byte[] {127, 0, 0, 2}, 5000, cookie, 1_000), "another address");
        assertFalse(new AddressValidator(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, 30_000)
                .check(77, ip, 5000, cookie, 1_000), "another daemon's secret");
        byte[] forged = cookie.clone();
        forged[7]++; // a later time under the old tag
        assertFalse(v.check(77, ip, 5000, forged, 1_000));
    }
}
