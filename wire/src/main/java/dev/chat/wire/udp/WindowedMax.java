package dev.chat.wire.udp;

/**
 * The maximum of a series over a sliding window (here: rounds), in constant space: Kathleen
 * Nichols' algorithm as in Linux's win_minmax, keeping the best, second-best and third-best
 * samples of successive sub-windows so an old maximum ages out without storing every sample.
 */
final class WindowedMax {
    private final long window;
    private final long[] time = new long[3];
    private final double[] value = new double[3];

    WindowedMax(long window) {
        this.window = window;
    }

    double best() {
        return value[0];
    }

    void reset(long t, double v) {
        for (int i = 0; i < 3; i++) {
            time[i] = t;
            value[i] = v;
        }
    }

    /** Adds sample {@code v} taken at {@code t} (non-decreasing) and returns the windowed max. */
    double update(long t, double v) {
        if (v >= value[0] || t - time[2] > window) {
            reset(t, v); // a new maximum, or nothing left in the window
            return v;
        }
        if (v >= value[1]) {
            set(1, t, v);
            set(2, t, v);
        } else if (v >= value[2]) {
            set(2, t, v);
        }
        long dt = t - time[0];
        if (dt > window) {
            shift(t, v);
            if (t - time[0] > window) {
                shift(t, v);
            }
        } else if (time[1] == time[0] && dt > window / 4) {
            set(1, t, v);
            set(2, t, v);
        } else if (time[2] == time[1] && dt > window / 2) {
            set(2, t, v);
        }
        return value[0];
    }

    private void shift(long t, double v) {
        set(0, time[1], value[1]);
        set(1, time[2], value[2]);
        set(2, t, v);
    }

    private void set(int i, long t, double v) {
        time[i] = t;
        value[i] = v;
    }
}
