package dev.chat.wire.udp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The packet keys of one reliable-UDP transfer, derived with HKDF-SHA256 from the 256-bit secret
 * the daemon hands out in {@code download_ready.key} (PROTOCOL.md §16.8.1): an AES-128-GCM key and
 * a 12-byte IV for each direction, and one pair for the daemon's stateless RETRY datagrams. The
 * connection id is part of every label, so that one secret can never key two transfers alike.
 * Immutable; the arrays are never handed out.
 */
public final class RudpKeys {
    public static final int SECRET_BYTES = 32;
    static final int KEY_BYTES = 16;
    static final int IV_BYTES = 12;
    static final byte[] SALT = "chat rudp v2".getBytes(StandardCharsets.US_ASCII);

    /** One direction's AEAD key and IV. */
    record Direction(byte[] key, byte[] iv) {
    }

    final Direction toReceiver;
    final Direction toSender;
    final Direction retry;

    private RudpKeys(Direction toReceiver, Direction toSender, Direction retry) {
        this.toReceiver = toReceiver;
        this.toSender = toSender;
        this.retry = retry;
    }

    /** A fresh secret: the daemon passes a {@code SecureRandom}. */
    public static byte[] randomSecret(RandomGenerator random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return secret;
    }

    /** Keys from the 64-hex-digit secret of {@code download_ready.key}; IllegalArgumentException otherwise. */
    public static RudpKeys fromHex(String secretHex, long connectionId) {
        if (secretHex.length() != 2 * SECRET_BYTES) {
            throw new IllegalArgumentException("a transfer key is " + 2 * SECRET_BYTES + " hex digits");
        }
        return derive(HexFormat.of().parseHex(secretHex), connectionId);
    }

    public static RudpKeys derive(byte[] secret, long connectionId) {
        if (secret.length != SECRET_BYTES) {
            throw new IllegalArgumentException("a transfer secret is " + SECRET_BYTES + " bytes");
        }
        byte[] prk = Hkdf.extract(SALT, secret);
        return new RudpKeys(direction(prk, "s2r", connectionId), direction(prk, "r2s", connectionId),
                direction(prk, "retry", connectionId));
    }

    private static Direction direction(byte[] prk, String name, long connectionId) {
        return new Direction(Hkdf.expand(prk, info(name + " key", connectionId), KEY_BYTES),
                Hkdf.expand(prk, info(name + " iv", connectionId), IV_BYTES));
    }

    /** The ASCII label followed by the connection id, 8 bytes big-endian. */
    static byte[] info(String label, long connectionId) {
        byte[] ascii = label.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(ascii.length + 8).put(ascii).putLong(connectionId).array();
    }

    @Override
    public String toString() {
        return "RudpKeys[redacted]"; // secrets: keep them out of logs
    }
}
