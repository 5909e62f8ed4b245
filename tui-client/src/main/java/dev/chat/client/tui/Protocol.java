package dev.chat.client.tui;

import java.util.Locale;
import java.util.Optional;

/** How a file travels: over the chat's TCP connection, or over the daemon's reliable UDP. */
enum Protocol {
    TCP, UDP;

    /** UDP, as in the seed, unless the user says otherwise. */
    static final Protocol DEFAULT = UDP;

    static Optional<Protocol> parse(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "tcp" -> Optional.of(TCP);
            case "udp" -> Optional.of(UDP);
            default -> Optional.empty();
        };
    }
}
