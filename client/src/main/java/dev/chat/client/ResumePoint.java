package dev.chat.client;

import java.util.Objects;

/**
 * Where a reconnect takes up a session: the welcome's resume token (reclaims the held name) and
 * the highest message id seen (the daemon replays every later one, so nothing sent meanwhile is
 * lost). Get it from {@link ChatSession#resumePoint()} before or after the connection ends.
 */
public record ResumePoint(String token, long lastSeen) {
    public ResumePoint {
        Objects.requireNonNull(token, "token");
        if (lastSeen < 0) {
            throw new IllegalArgumentException("lastSeen must be 0 or more");
        }
    }

    @Override
    public String toString() {
        return "ResumePoint[token=***, lastSeen=" + lastSeen + "]";
    }
}
