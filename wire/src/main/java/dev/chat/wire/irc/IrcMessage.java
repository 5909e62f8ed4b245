package dev.chat.wire.irc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One IRC message (RFC 1459 section 2.3, IRCv3 message-tags): tags, an optional source prefix, a
 * command (letters or a three-digit numeric) and up to {@link IrcParser#MAX_PARAMS} parameters.
 * The last parameter may hold spaces or be empty; every other one may not, nor start with ':'.
 *
 * @param tags   tag keys to values; a tag without a value maps to the empty string; in order
 * @param source the prefix without its ':' (a server name or {@code nick!user@host}), or null
 */
public record IrcMessage(Map<String, String> tags, String source, String command, List<String> params) {
    public IrcMessage {
        tags = tags.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        Objects.requireNonNull(command, "command");
        params = List.copyOf(params);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        for (int i = 0; i < params.size() - 1; i++) {
            String p = params.get(i);
            if (p.isEmpty() || p.startsWith(":") || p.indexOf(' ') >= 0) {
                throw new IllegalArgumentException("parameter " + i + " must be a single non-empty word");
            }
        }
    }

    /** A message without tags. */
    public static IrcMessage of(String source, String command, String... params) {
        return new IrcMessage(Map.of(), source, command, List.of(params));
    }

    /** The parameter at {@code i}, or null when there are fewer. */
    public String param(int i) {
        return i < params.size() ? params.get(i) : null;
    }

    /** This message with {@code tags} (replacing any it had). */
    public IrcMessage withTags(Map<String, String> tags) {
        return new IrcMessage(tags, source, command, params);
    }
}
