package dev.chat.client.tui;

import dev.chat.wire.Names;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * WeeChat's smart filter for join and leave lines: in a busy room, dozens of people come and go
 * who never say anything, and their lines bury the conversation. A leave is shown only when the
 * user spoke within {@link #DELAY} before it; a join is shown once the user speaks within
 * {@link #DELAY} after it (WeeChat's "unmask"), or when they spoke within {@link #DELAY} before (a
 * talker who dropped and came back). Hidden lines stay in the scrollback, marked
 * {@link ChatLine#quiet()}, and {@code /joins all} shows them again. Times are the client's clock,
 * in epoch milliseconds. GUI thread only.
 */
final class SmartFilter {
    static final Duration DELAY = Duration.ofMinutes(5);
    /** Forget talkers beyond this many: the map stays small in a room of thousands. */
    private static final int MAX_TRACKED = 2_000;

    /** Name key to when that user last spoke. */
    private final Map<String, Long> spoke = new HashMap<>();
    /** Name key to that user's hidden join line, while it may still be unmasked. */
    private final Map<String, ChatLine> hiddenJoins = new HashMap<>();

    /** {@code name} said something at {@code now}; returns a hidden join line of theirs to show, or null. */
    ChatLine spoke(String name, long now) {
        String key = Names.key(name);
        if (spoke.size() >= MAX_TRACKED && !spoke.containsKey(key)) {
            prune(now);
        }
        spoke.put(key, now);
        ChatLine join = hiddenJoins.remove(key);
        return join != null && now - join.ts() <= DELAY.toMillis() ? join : null;
    }

    /** The join line for {@code name} at {@code now}: quiet unless they spoke recently. */
    ChatLine joined(String name, long now) {
        boolean quiet = !recentlySpoke(name, now);
        ChatLine line = new ChatLine(now, ChatLine.Kind.JOIN, name, "", "", quiet);
        if (quiet) {
            hiddenJoins.put(Names.key(name), line);
        }
        return line;
    }

    /** The leave line for {@code name} at {@code now}: quiet unless they spoke recently. */
    ChatLine left(String name, String reason, long now) {
        hiddenJoins.remove(Names.key(name));
        return new ChatLine(now, ChatLine.Kind.LEAVE, name, reason, "", !recentlySpoke(name, now));
    }

    private boolean recentlySpoke(String name, long now) {
        Long at = spoke.get(Names.key(name));
        return at != null && now - at <= DELAY.toMillis();
    }

    private void prune(long now) {
        spoke.values().removeIf(at -> now - at > DELAY.toMillis());
        hiddenJoins.values().removeIf(line -> now - line.ts() > DELAY.toMillis());
        if (spoke.size() >= MAX_TRACKED) {
            spoke.clear(); // everyone spoke within the delay: start over rather than grow
        }
    }
}
