package dev.chat.client.tui;

import java.time.Duration;
import java.util.Locale;

/** Human units for the transfers pane: sizes in IEC units, rates, ETAs, progress bars. Pure. */
final class Units {
    private static final String[] PREFIXES = {"KiB", "MiB", "GiB", "TiB"};

    private Units() {
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 300.0 KiB}, {@code 2.0 GiB}. */
    static String bytes(long count) {
        if (count < 1024) {
            return count + " B";
        }
        double value = count;
        int prefix = -1;
        while (value >= 1024 && prefix < PREFIXES.length - 1) {
            value /= 1024;
            prefix++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, PREFIXES[prefix]);
    }

    static String rate(double bytesPerSecond) {
        if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
            return "-";
        }
        return bytes(Math.round(bytesPerSecond)) + "/s";
    }

    /** {@code 0:42}, {@code 1:02:03}; {@code --:--} when unknown. */
    static String eta(Duration eta) {
        if (eta == null || eta.isNegative()) {
            return "--:--";
        }
        long seconds = eta.toSeconds();
        if (seconds >= 100 * 3600) {
            return ">99h";
        }
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }

    /** Whole percent, never 100 before the last byte. */
    static int percent(long done, long total) {
        if (total <= 0) {
            return done > 0 ? 100 : 0;
        }
        if (done >= total) {
            return 100;
        }
        return (int) Math.min(99, done * 100 / total);
    }

    /** {@code [=====>    ]} of {@code width} cells in all. */
    static String bar(long done, long total, int width) {
        int inner = Math.max(1, width - 2);
        int filled = total <= 0 ? (done > 0 ? inner : 0) : (int) Math.min(inner, done * inner / total);
        StringBuilder out = new StringBuilder(width).append('[');
        out.append("=".repeat(filled));
        if (filled < inner) {
            out.append(filled > 0 ? ">" : " ").append(" ".repeat(inner - filled - 1));
        }
        return out.append(']').toString();
    }

    static String millis(Duration duration) {
        return duration == null ? "-" : duration.toMillis() + " ms";
    }
}
