package dev.chat.client.cli;

import java.util.Locale;
import java.util.Optional;

/** How {@code /get} fetches a file: over the daemon's TCP transfer or its reliable-UDP one. */
enum Protocol {
    TCP, UDP;

    /** {@code tcp} or {@code udp}, any case. */
    static Optional<Protocol> parse(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "tcp" -> Optional.of(TCP);
            case "udp" -> Optional.of(UDP);
            default -> Optional.empty();
        };
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
