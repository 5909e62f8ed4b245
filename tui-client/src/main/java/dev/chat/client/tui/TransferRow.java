package dev.chat.client.tui;

import dev.chat.client.TransferProtocol;

import java.util.Locale;
import java.util.Objects;

/**
 * One row of the transfers pane: an immutable snapshot, replaced as progress arrives.
 *
 * @param id       the number shown, for {@code /cancel ID}
 * @param file     the file's name on the daemon
 * @param protocol TCP or UDP
 * @param status   where it is in its life
 * @param progress the latest numbers
 * @param detail   why it failed, or ""
 */
record TransferRow(int id, String file, TransferProtocol protocol, TransferStatus status, TransferProgress progress,
                   String detail) {
    private static final int UDP_COLUMNS = 22;
    private static final int MIN_FILE_COLUMNS = 12;

    TransferRow {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(detail, "detail");
    }

    static TransferRow started(int id, String file, TransferProtocol protocol) {
        return new TransferRow(id, file, protocol, TransferStatus.CONNECTING, TransferProgress.NONE, "");
    }

    /**
     * The row after a progress sample: connecting until the first byte, verifying once all bytes are
     * in but the result is not, active in between. A finished row no longer changes.
     */
    TransferRow with(TransferProgress next) {
        if (status.finished()) {
            return this;
        }
        TransferStatus s = next.complete() ? TransferStatus.VERIFYING
                : next.bytesDone() > 0 ? TransferStatus.ACTIVE : TransferStatus.CONNECTING;
        return new TransferRow(id, file, protocol, s, next, detail);
    }

    TransferRow finish(TransferStatus end, String why) {
        if (status.finished()) {
            return this;
        }
        TransferProgress p = progress;
        if (end == TransferStatus.DONE) {
            long size = Math.max(p.total(), p.bytesDone());
            p = new TransferProgress(size, size, p.bytesPerSecond(), java.time.Duration.ZERO, p.rtt(), p.retransmissions());
        }
        return new TransferRow(id, file, protocol, end, p, why);
    }

    /**
     * The row as text of exactly {@code width} cells: id, file, protocol, status, bar, percent,
     * done/total, rate, ETA, and for UDP the RTT and retransmissions. The file column takes what
     * the fixed columns leave.
     */
    String render(int width) {
        TransferProgress p = progress;
        String total = p.total() >= 0 ? Units.bytes(p.total()) : "?";
        String numbers = String.format(Locale.ROOT, "%4d%% %21s %11s %7s", Units.percent(p.bytesDone(), p.total()),
                Units.bytes(p.bytesDone()) + "/" + total, Units.rate(status == TransferStatus.ACTIVE ? p.bytesPerSecond() : 0),
                status.finished() ? "" : Units.eta(p.eta()));
        String udp = protocol == TransferProtocol.UDP && p.retransmissions() >= 0
                ? String.format(Locale.ROOT, " rtt %s rtx %d", Units.millis(p.rtt()), p.retransmissions()) : "";
        String head = String.format(Locale.ROOT, "%3d ", id);
        String middle = String.format(Locale.ROOT, " %s %-10s %s", protocol, status.label(), Units.bar(p.bytesDone(), p.total(), 12));
        // Fixed columns, so that rows line up whatever each one holds; the file name takes the rest.
        String tail = numbers + Cells.fit(udp, UDP_COLUMNS) + (detail.isEmpty() ? "" : " " + Cells.clean(detail));
        int fixed = Cells.width(head) + Cells.width(middle) + Cells.width(numbers) + UDP_COLUMNS;
        int fileWidth = Math.max(MIN_FILE_COLUMNS, width - fixed);
        return Cells.fit(head + Cells.fit(Cells.clean(file), fileWidth) + middle + tail, width);
    }
}
