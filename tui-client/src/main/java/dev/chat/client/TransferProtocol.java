package dev.chat.client;

/** How a download's bytes travel: a TCP data connection, or reliable UDP. */
public enum TransferProtocol {
    TCP("tcp"),
    UDP("udp");

    private final String wireName;

    TransferProtocol(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the {@code download} frame: {@code "tcp"} or {@code "udp"}. */
    public String wireName() {
        return wireName;
    }
}
