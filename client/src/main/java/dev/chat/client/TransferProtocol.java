package dev.chat.client;

import dev.chat.wire.frame.Transport;

import java.util.Locale;
import java.util.Optional;

/** How a download's bytes travel: a TCP data connection, or reliable UDP. */
public enum TransferProtocol {
    TCP(Transport.TCP),
    UDP(Transport.UDP);

    /** What the clients use when the user does not say: UDP, as the seed system did. */
    public static final TransferProtocol DEFAULT = UDP;

    private final Transport transport;

    TransferProtocol(Transport transport) {
        this.transport = transport;
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
        return transport.wireName();
    }

    /** The value of the {@code download} frame's {@code protocol} field. */
    public Transport transport() {
        return transport;
    }
}
