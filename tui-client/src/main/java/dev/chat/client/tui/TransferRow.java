package dev.chat.client.tui;

import dev.chat.client.DownloadProgress;
import dev.chat.client.TransferProtocol;
import dev.chat.client.UdpStats;

import java.time.Duration;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One row of the transfers pane: an immutable snapshot, replaced as progress arrives.
 *
 * @param id       the number shown, for {@code /cancel ID}
 * @param file     the file's name on the daemon
 * @param protocol TCP or UDP
 * @param status   where it is in its life
 * @param progress the library's latest sample; for UDP, its sender statistics once the daemon reported
 * @param detail   why it failed, or ""
 */
record TransferRow(int id, String file, TransferProtocol protocol, TransferStatus status, DownloadProgress progress,
                   String detail) {
    /** Before the first sample: nothing received, size unknown. */
    static final DownloadProgress NO_PROGRESS = new DownloadProgress(0, -1, 0, null, null);
    private static final int UDP_COLUMNS = 22;
    private static final int MIN_FILE_COLUMNS = 16;

    TransferRow {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(detail, "detail");
    }

    static TransferRow started(int id, String file, TransferProtocol protocol) {
        return new TransferRow(id, file, protocol, TransferStatus.CONNECTING, NO_PROGRESS, "");
    }

    /**
     * The row after a progress sample: connecting until the first byte, verifying once all bytes are
     * in but the result is not, active in between. A finished row no longer changes.
     */
    TransferRow with(DownloadProgress next) {
        if (status.finished()) {
            return this;
        }
        TransferStatus s = next.total() >= 0 && next.bytesDone() >= next.total() ? TransferStatus.VERIFYING
                : next.bytesDone() > 0 ? TransferStatus.ACTIVE : TransferStatus.CONNECTING;
        return new TransferRow(id, file, protocol, s, next, detail);
    }

    TransferRow finish(TransferStatus end, String why) {
        if (status.finished()) {
            return this;
        }
        DownloadProgress p = progress;
        if (end == TransferStatus.DONE) {
            long size = Math.max(p.total(), p.bytesDone());
            p = new DownloadProgress(size, size, p.bytesPerSecond(), Duration.ZERO, p.udp());
        }
        return new TransferRow(id, file, protocol, end, p, why);
    }

    /**
     * The row as text of exactly {@code width} cells: id, file, protocol, status, bar, percent,
     * done/total, rate, ETA, and for UDP the RTT and retransmissions. Columns have fixed widths so
     * rows line up; when the pane is narrow the least useful columns go first (the bar, which
     * repeats the percentage, then ETA, UDP details, rate, amounts), so that the file name keeps
     * at least {@value #MIN_FILE_COLUMNS} cells.
     */
    String render(int width) {
        if (status == TransferStatus.FAILED && !detail.isEmpty()) {
            return failed(width);
        }
        DownloadProgress p = progress;
        UdpStats udp = p.udp();
        String head = String.format(Locale.ROOT, "%3d ", id);
        String state = String.format(Locale.ROOT, " %s %-10s", protocol, status.label());
        String percent = String.format(Locale.ROOT, " %4d%%", Units.percent(p.bytesDone(), p.total()));
        String[] optional = new String[OptionalColumn.values().length];
        optional[OptionalColumn.BAR.ordinal()] = " " + Units.bar(p.bytesDone(), p.total(), 12);
        optional[OptionalColumn.AMOUNTS.ordinal()] = String.format(Locale.ROOT, " %21s",
                Units.bytes(p.bytesDone()) + "/" + (p.total() >= 0 ? Units.bytes(p.total()) : "?"));
        optional[OptionalColumn.RATE.ordinal()] = String.format(Locale.ROOT, " %11s",
                Units.rate(status == TransferStatus.ACTIVE ? p.bytesPerSecond() : 0));
        optional[OptionalColumn.ETA.ordinal()] = String.format(Locale.ROOT, " %7s", status.finished() ? "" : Units.eta(p.eta()));
        optional[OptionalColumn.UDP.ordinal()] = Cells.fit(protocol == TransferProtocol.UDP && udp != null
                ? String.format(Locale.ROOT, " rtt %s rtx %d", Units.millis(udp.smoothedRtt()), udp.retransmissions()) : "", UDP_COLUMNS);
        int budget = width - Cells.width(head) - Cells.width(state) - Cells.width(percent) - MIN_FILE_COLUMNS;
        boolean[] shown = new boolean[optional.length];
        for (OptionalColumn column : OptionalColumn.BY_PRIORITY) {
            int cells = Cells.width(optional[column.ordinal()]);
            if (cells <= budget) {
                shown[column.ordinal()] = true;
                budget -= cells;
            }
        }
        StringBuilder rest = new StringBuilder(state);
        for (OptionalColumn column : OptionalColumn.values()) {
            if (column == OptionalColumn.AMOUNTS) {
                rest.append(percent); // between the bar and the amounts
            }
            if (shown[column.ordinal()]) {
                rest.append(optional[column.ordinal()]);
            }
        }
        String tail = detail.isEmpty() ? "" : " " + Cells.clean(detail);
        int fileWidth = Math.max(MIN_FILE_COLUMNS, MIN_FILE_COLUMNS + budget);
        return Cells.fit(head + Cells.fitRun(file, fileWidth) + rest + Cells.visualTemplate(tail), width);
    }

    /**
     * A failed row: the reason takes the place of the progress columns, which say nothing once a
     * transfer has failed, so that it is not cut off the end of the row.
     */
    private String failed(int width) {
        String head = String.format(Locale.ROOT, "%3d ", id);
        String state = String.format(Locale.ROOT, " %s %s: ", protocol, status.label());
        String name = Cells.clean(file);
        int fileWidth = Math.min(Cells.width(name), Math.max(MIN_FILE_COLUMNS, width / 3));
        return Cells.fit(head + Cells.fitRun(file, fileWidth) + state + Cells.visualTemplate(Cells.clean(detail)), width);
    }

    /** The columns a narrow pane may drop, in display order; {@link #BY_PRIORITY} keeps the most useful. */
    private enum OptionalColumn {
        BAR, AMOUNTS, RATE, ETA, UDP;

        static final List<OptionalColumn> BY_PRIORITY = List.of(AMOUNTS, RATE, UDP, ETA, BAR);
    }
}
