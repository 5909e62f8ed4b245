package dev.chat.daemon;

import java.time.Duration;

/**
 * The one scale factor for wall-clock bounds in tests: {@code CHAT_TEST_TIME_SCALE} (environment)
 * or {@code chat.test.timeScale} (system property), default 1. A slow or loaded machine sets it to
 * 2 or 3 instead of loosening bounds test by test.
 */
final class TestTime {
    static final double SCALE = scale();

    private TestTime() {
    }

    static Duration scaled(Duration bound) {
        return Duration.ofNanos((long) (bound.toNanos() * SCALE));
    }

    private static double scale() {
        String value = System.getProperty("chat.test.timeScale", System.getenv("CHAT_TEST_TIME_SCALE"));
        if (value == null || value.isBlank()) {
            return 1;
        }
        double scale = Double.parseDouble(value.trim());
        if (!(scale >= 1)) {
            throw new IllegalArgumentException("CHAT_TEST_TIME_SCALE must be 1 or more, not " + value);
        }
        return scale;
    }
}
