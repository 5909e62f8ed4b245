package dev.chat.daemon.irc;

import java.util.Objects;

/**
 * The IRC codec's daemon-wide settings ({@code --[no-]irc}, {@code --irc-channel}, {@code --irc-topic}).
 *
 * @param enabled whether a first line starting CAP, NICK, USER or PASS selects IRC
 * @param channel the one channel IRC clients see the room as, e.g. {@code #chat}
 * @param topic   the channel's topic (read-only for clients); empty for none
 * @param server  the server name in numerics and prefixes, a host-like word
 */
public record IrcSettings(boolean enabled, String channel, String topic, String server) {
    public static final IrcSettings DEFAULTS = new IrcSettings(true, "#chat", "chatd: the room of everyone online",
            "chatd");
    /** Modern servers allow 50 bytes or more; one channel name needs no more. */
    static final int MAX_CHANNEL_CHARS = 50;

    public IrcSettings {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(topic, "topic");
        if (!validServer(server)) {
            throw new IllegalArgumentException("an IRC server name is 1 to 63 letters, digits, '.' and '-': " + server);
        }
        if (!validChannel(channel)) {
            throw new IllegalArgumentException("an IRC channel is '#' and 1 to " + (MAX_CHANNEL_CHARS - 1)
                    + " printable ASCII characters without ',': " + channel);
        }
        if (!validTopic(topic)) {
            throw new IllegalArgumentException("the IRC topic has at most 300 characters and no control characters");
        }
    }

    public static boolean validChannel(String channel) {
        return channel != null && channel.matches("#[\\x21-\\x2b\\x2d-\\x7e]{1," + (MAX_CHANNEL_CHARS - 1) + "}");
    }

    public static boolean validServer(String server) {
        return server != null && server.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,62}");
    }

    public static boolean validTopic(String topic) {
        return topic != null && topic.length() <= 300 && topic.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    public IrcSettings withEnabled(boolean value) {
        return new IrcSettings(value, channel, topic, server);
    }

    /** True when {@code target} names the channel (ASCII case-insensitively, as CASEMAPPING=ascii says). */
    boolean isChannel(String target) {
        return channel.equalsIgnoreCase(target);
    }
}
