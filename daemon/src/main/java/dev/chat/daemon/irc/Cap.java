package dev.chat.daemon.irc;

import java.util.Optional;

/** The IRCv3 capabilities this server offers (CAP LS), with their values for CAP LS 302. */
enum Cap {
    AWAY_NOTIFY("away-notify", null),
    BATCH("batch", null),
    CHATHISTORY("draft/chathistory", null),
    ECHO_MESSAGE("echo-message", null),
    MESSAGE_TAGS("message-tags", null),
    /** Holds trivially: nobody has a channel prefix to show. */
    MULTI_PREFIX("multi-prefix", null),
    SASL("sasl", "PLAIN"),
    SERVER_TIME("server-time", null),
    USERHOST_IN_NAMES("userhost-in-names", null);

    private final String wireName;
    private final String value;

    Cap(String wireName, String value) {
        this.wireName = wireName;
        this.value = value;
    }

    String wireName() {
        return wireName;
    }

    /** The name as CAP LS shows it: with its value from version 302 on. */
    String advertised(boolean withValues) {
        return withValues && value != null ? wireName + "=" + value : wireName;
    }

    static Optional<Cap> byName(String name) {
        for (Cap cap : values()) {
            if (cap.wireName.equals(name)) {
                return Optional.of(cap);
            }
        }
        return Optional.empty();
    }
}
