package dev.chat.wire.udp;

import java.util.Arrays;

/**
 * Disjoint, non-adjacent byte ranges [start, end), kept sorted in two primitive arrays: the
 * receiver's record of what arrived above its cumulative point. The receiver only accepts data
 * inside its window, so the number of ranges is bounded by window / payload / 2.
 */
final class RangeSet {
    private long[] starts = new long[16];
    private long[] ends = new long[16];
    private int size;

    int size() {
        return size;
    }

    long start(int i) {
        return starts[i];
    }

    long end(int i) {
        return ends[i];
    }

    /** True when [start, end) lies entirely inside one range. */
    boolean contains(long start, long end) {
        int i = floor(start);
        return i >= 0 && ends[i] >= end;
    }

    /** Adds [start, end), merging with ranges it overlaps or touches. */
    void add(long start, long end) {
        int i = floor(start);
        if (i >= 0 && ends[i] >= start) {
            start = starts[i]; // merge with the range on the left
        } else {
            i++;
        }
        int j = i;
        while (j < size && starts[j] <= end) {
            end = Math.max(end, ends[j]);
            j++;
        }
        // ranges [i, j) are replaced by the single merged range
        int removed = j - i;
        if (removed == 0) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            System.arraycopy(starts, i, starts, i + 1, size - i);
            System.arraycopy(ends, i, ends, i + 1, size - i);
            size++;
        } else if (removed > 1) {
            System.arraycopy(starts, j, starts, i + 1, size - j);
            System.arraycopy(ends, j, ends, i + 1, size - j);
            size -= removed - 1;
        }
        starts[i] = start;
        ends[i] = end;
    }

    /** If the first range starts at or below {@code point}, removes it and returns its end; else -1. */
    long removeFirstIfStartsBy(long point) {
        if (size == 0 || starts[0] > point) {
            return -1;
        }
        long end = ends[0];
        System.arraycopy(starts, 1, starts, 0, size - 1);
        System.arraycopy(ends, 1, ends, 0, size - 1);
        size--;
        return end;
    }

    void clear() {
        starts = new long[1];
        ends = new long[1];
        size = 0;
    }

    /** Index of the last range starting at or before {@code point}, or -1. */
    int floor(long point) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= point) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }
}
