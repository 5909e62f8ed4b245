package dev.chat.daemon.store;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id password hashes (RFC 9106, Bouncy Castle's generator) in the PHC string format:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, base64 without padding. {@link #OWASP}
 * are OWASP's minimum parameters (19 MiB, 2 passes, 1 lane). Pure and CPU-bound: run it on
 * {@link PasswordHasher}'s pool, never on a delivery thread. Passwords are taken as {@code char[]}
 * and their UTF-8 bytes wiped after use; nothing here logs.
 */
public final class Argon2id {
    /** Cost parameters: memory in KiB, passes, lanes. */
    public record Params(int memoryKiB, int iterations, int parallelism) {
        public Params {
            if (parallelism < 1 || parallelism > MAX_LANES || iterations < 1 || iterations > MAX_ITERATIONS
                    || memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
                throw new IllegalArgumentException("Argon2id parameters out of range: m=" + memoryKiB
                        + ", t=" + iterations + ", p=" + parallelism);
            }
        }
    }

    public static final Params OWASP = new Params(19 * 1024, 2, 1);
    /** Bounds on parameters read from a stored hash, so a tampered row cannot cost gigabytes. */
    static final int MAX_MEMORY_KIB = 256 * 1024;
    static final int MAX_ITERATIONS = 16;
    static final int MAX_LANES = 8;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Argon2id() {
    }

    /** A fresh salt and the PHC string of {@code password}. */
    public static String encode(char[] password, Params params) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] pwd = utf8(password);
        try {
            byte[] hash = raw(pwd, salt, params, null, null, HASH_BYTES);
            return "$argon2id$v=19$m=" + params.memoryKiB() + ",t=" + params.iterations() + ",p="
                    + params.parallelism() + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
        } finally {
            Arrays.fill(pwd, (byte) 0);
        }
    }

    /** True if {@code password} matches; false for a wrong password or a string that is not ours. */
    public static boolean verify(char[] password, String encoded) {
        Matcher m = PHC.matcher(encoded);
        if (!m.matches()) {
            return false;
        }
        Params params;
        byte[] salt;
        byte[] expected;
        try {
            params = new Params(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            salt = Base64.getDecoder().decode(m.group(4));
            expected = Base64.getDecoder().decode(m.group(5));
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] pwd = utf8(password);
        try {
            return MessageDigest.isEqual(raw(pwd, salt, params, null, null, expected.length), expected);
        } finally {
            Arrays.fill(pwd, (byte) 0);
        }
    }

    /** The Argon2id tag (version 0x13); secret and associated data only for the RFC's test vectors. */
    static byte[] raw(byte[] password, byte[] salt, Params params, byte[] secret, byte[] associated, int length) {
        Argon2Parameters.Builder builder = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(params.memoryKiB())
                .withIterations(params.iterations()).withParallelism(params.parallelism()).withSalt(salt);
        if (secret != null) {
            builder.withSecret(secret);
        }
        if (associated != null) {
            builder.withAdditional(associated);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(builder.build());
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }

    /** UTF-8 bytes without a String copy of the password. */
    private static byte[] utf8(char[] password) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }
}
