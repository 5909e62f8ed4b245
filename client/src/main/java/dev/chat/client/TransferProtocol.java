package dev.chat.client;

import java.util.Locale;
import java.util.Optional;

/** How a download's bytes travel: a TCP data connection, or reliable UDP. */
public enum TransferProtocol {
    TCP("tcp"),
    UDP("udp");

    /** What the clients use when the user does not say: UDP, as the seed system did. */
    public static final TransferProtocol DEFAULT = UDP;

    private final String wireName;

    TransferProtocol(String wireName) {
        this.wireName = wireName;
    }

    /** {@code tcp} or {@code udp}, in any case, as a user types it. */
    public static Optional<TransferProtocol> parse(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "tcp" -> Optional.of(TCP);
            case "udp" -> Optional.of(UDP);
            default -> Optional.empty();
        };
    }

    /** The name in the {@code download} frame: {@code "tcp"} or {@code "udp"}. */
    public String wireName() {
        return wireName;
    }
}
