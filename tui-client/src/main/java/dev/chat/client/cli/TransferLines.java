package dev.chat.client.cli;

import dev.chat.client.DownloadProgress;
import dev.chat.client.TransferProtocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The downloads in progress, rendered as status lines ({@code ↓ big.iso udp 42% 1.2 MB/s}) for line
 * mode's status bar. Thread-safe: progress arrives on transfer threads; {@code onChange} runs on
 * the thread that changed something and must not block.
 */
final class TransferLines {
    private final Map<Long, Row> rows = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile Runnable onChange = () -> {
    };

    void onChange(Runnable listener) {
        onChange = listener;
    }

    /** A download began; the returned handle takes its progress and its end. */
    Handle start(String file, TransferProtocol protocol) {
        long id = ids.incrementAndGet();
        synchronized (rows) {
            rows.put(id, new Row(id, file, protocol, new DownloadProgress(0, -1, 0, null, null), () -> { }));
        }
        onChange.run();
        return new Handle(id);
    }

    List<String> lines() {
        synchronized (rows) {
            List<String> lines = new ArrayList<>(rows.size());
            rows.values().forEach(row -> lines.add(render(row)));
            return lines;
        }
    }

    /** Stops download {@code id} ({@code /cancel ID}); false when no such download runs. */
    boolean cancel(long id) {
        Runnable stop;
        synchronized (rows) {
            Row row = rows.get(id);
            if (row == null) {
                return false;
            }
            stop = row.cancel();
        }
        stop.run();
        return true;
    }

    boolean isEmpty() {
        synchronized (rows) {
            return rows.isEmpty();
        }
    }

    static String render(Row row) {
        DownloadProgress p = row.progress();
        String done = p.total() > 0 ? (p.bytesDone() * 100 / p.total()) + "%" : bytes(p.bytesDone());
        return "↓ " + row.id() + " " + EventFormatter.clean(row.file()) + " " + row.protocol().wireName() + " " + done + " "
                + bytes((long) p.bytesPerSecond()) + "/s";
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double value = n;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** One download; {@code cancel} stops it. */
    record Row(long id, String file, TransferProtocol protocol, DownloadProgress progress, Runnable cancel) {
    }

    /** One download's entry. */
    final class Handle {
        private final long id;

        private Handle(long id) {
            this.id = id;
        }

        void progress(DownloadProgress progress) {
            synchronized (rows) {
                rows.computeIfPresent(id, (key, row) -> new Row(id, row.file(), row.protocol(), progress, row.cancel()));
            }
            onChange.run();
        }

        long id() {
            return id;
        }

        /** What {@code /cancel} of this row runs. */
        void onCancel(Runnable stop) {
            synchronized (rows) {
                rows.computeIfPresent(id, (key, row) -> new Row(id, row.file(), row.protocol(), row.progress(), stop));
            }
        }

        void finished() {
            synchronized (rows) {
                rows.remove(id);
            }
            onChange.run();
        }
    }
}
