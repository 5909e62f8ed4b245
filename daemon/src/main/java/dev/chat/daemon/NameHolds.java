package dev.chat.daemon;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The names of vanished sessions, held for their resume tokens during the grace period, by
 * collision key. At most {@link #MAX_HOLDS}: past that, expired holds are swept, and if none
 * expired the name goes free at once (a churn of thousands of names must not grow memory).
 * Not thread-safe: the registry calls it under its lock.
 */
final class NameHolds {
    static final int MAX_HOLDS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A held name: its display form, the session's token and first private-history id, and until when. */
    record Hold(String name, String token, long since, long untilNanos) {
    }

    private final Map<String, Hold> holds = new HashMap<>();
    private final long graceNanos;
    private final LongSupplier nanoClock;

    NameHolds(Duration grace, LongSupplier nanoClock) {
        this.graceNanos = grace.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Holds {@code key} for the grace period; nothing when holds are off or the table is full of live holds. */
    void hold(String key, String name, String token, long since) {
        if (graceNanos == 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (holds.size() >= MAX_HOLDS) {
            holds.values().removeIf(h -> now - h.untilNanos() >= 0);
            if (holds.size() >= MAX_HOLDS) {
                return;
            }
        }
        holds.put(key, new Hold(name, token, since, now + graceNanos));
    }

    /** The key's hold if it has not expired (an expired one is dropped), else null. */
    Hold live(String key) {
        Hold hold = holds.get(key);
        if (hold != null && nanoClock.getAsLong() - hold.untilNanos() >= 0) {
            holds.remove(key);
            return null;
        }
        return hold;
    }

    void release(String key) {
        holds.remove(key);
    }

    void clear() {
        holds.clear();
    }

    /** Whether {@code presented} is the hold's token, compared in constant time. */
    static boolean matches(Hold hold, String presented) {
        return presented != null && MessageDigest.isEqual(hold.token().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** 128 random bits, URL-safe base64 without padding: 22 characters. */
    static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
