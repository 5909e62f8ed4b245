package dev.chat.wire;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The one form of a TLS certificate's fingerprint that the daemon logs and prints and the client
 * shows, pins and stores: {@code SHA256:} and the unpadded base64 of the SHA-256 of the
 * DER-encoded certificate, as {@code ssh} writes host key fingerprints (PROTOCOL.md section 1.1).
 */
public final class Fingerprint {
    private static final String PREFIX = "SHA256:";
    /** 32 bytes in unpadded base64 are 43 characters, the last one from a 16-letter alphabet. */
    private static final Pattern FORM = Pattern.compile("SHA256:[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]");

    private Fingerprint() {
    }

    /** The fingerprint of a DER-encoded certificate. */
    public static String of(byte[] derCertificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(derCertificate);
            return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** True when {@code text} is a fingerprint in exactly this form (what {@code --tls-fingerprint} accepts). */
    public static boolean isValid(String text) {
        return text != null && FORM.matcher(text).matches();
    }
}
