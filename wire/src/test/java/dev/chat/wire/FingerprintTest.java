package dev.chat.wire;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fingerprint form: known SHA-256 vectors, and what counts as a well-formed one. */
final class FingerprintTest {
    @Test
    void theFingerprintOfNoBytesIsTheKnownSha256OfTheEmptyStringInUnpaddedBase64() {
        // sha256("") = e3b0c442...b855; `echo -n | openssl dgst -sha256 -binary | base64` ends in '='.
        assertEquals("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", Fingerprint.of(new byte[0]));
    }

    @Test
    void theFingerprintOfAbcIsTheFipsVector() {
        // sha256("abc") = ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad
        assertEquals("SHA256:ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0",
                Fingerprint.of("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void everyComputedFingerprintIsValidAndOtherFormsAreNot() {
        assertTrue(Fingerprint.isValid(Fingerprint.of(new byte[]{1, 2, 3})));
        assertFalse(Fingerprint.isValid("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")); // padded
        assertFalse(Fingerprint.isValid("sha256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"));
        assertFalse(Fingerprint.isValid("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"));
        assertFalse(Fingerprint.isValid("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuF")); // short
        assertFalse(Fingerprint.isValid("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV")); // non-zero tail bits
        assertFalse(Fingerprint.isValid(null));
    }
}
