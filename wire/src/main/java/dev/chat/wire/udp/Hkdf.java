package dev.chat.wire.udp;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869): the JDK has HMAC but no HKDF API before JDK 24, and the
 * project targets 21. Used only to derive the reliable-UDP packet keys (PROTOCOL.md §16.8.1).
 */
final class Hkdf {
    static final int HASH_BYTES = 32;
    private static final String HMAC = "HmacSHA256";

    private Hkdf() {
    }

    /** PRK = HMAC-SHA256(salt, ikm); an empty salt stands for 32 zero bytes (RFC 5869 §2.2). */
    static byte[] extract(byte[] salt, byte[] ikm) {
        return mac(salt.length == 0 ? new byte[HASH_BYTES] : salt).doFinal(ikm);
    }

    /** OKM = T(1) | T(2) | ... cut to {@code length}, T(i) = HMAC(prk, T(i-1) | info | i). */
    static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length < 0 || length > 255 * HASH_BYTES) {
            throw new IllegalArgumentException("HKDF-Expand length out of range: " + length);
        }
        Mac mac = mac(prk);
        byte[] okm = new byte[length];
        byte[] t = new byte[0];
        for (int i = 1, done = 0; done < length; i++) {
            mac.update(t);
            mac.update(info);
            mac.update((byte) i);
            t = mac.doFinal();
            int n = Math.min(t.length, length - done);
            System.arraycopy(t, 0, okm, done, n);
            done += n;
        }
        return okm;
    }

    static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + HMAC, e); // every JDK has it
        }
    }
}
