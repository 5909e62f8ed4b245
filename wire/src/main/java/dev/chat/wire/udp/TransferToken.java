package dev.chat.wire.udp;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The 128-bit secret that ties a UDP handshake to a download the daemon granted over the chat
 * connection. The daemon draws it from a {@code SecureRandom}; it travels as 32 hex digits.
 */
public record TransferToken(long high, long low) {
    public static TransferToken random(RandomGenerator random) {
        return new TransferToken(random.nextLong(), random.nextLong());
    }

    /** Parses 32 hex digits; throws IllegalArgumentException otherwise. */
    public static TransferToken fromHex(String hex) {
        if (hex.length() != 32) {
            throw new IllegalArgumentException("a token is 32 hex digits");
        }
        return new TransferToken(HexFormat.fromHexDigitsToLong(hex, 0, 16),
                HexFormat.fromHexDigitsToLong(hex, 16, 32));
    }

    public String toHex() {
        return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
    }

    @Override
    public String toString() {
        return "TransferToken[redacted]"; // a secret: keep it out of logs
    }
}
