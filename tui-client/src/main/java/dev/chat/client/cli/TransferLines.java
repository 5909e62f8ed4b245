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
            rows.put(id, new Row(file, protocol, new DownloadProgress(0, -1, 0, null, null)));
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

    boolean isEmpty() {
        synchronized (rows) {
            return rows.isEmpty();
        }
    }

    static String render(Row row) {
        DownloadProgress p = row.progress();
        String done = p.total() > 0 ? (p.bytesDone() * 100 / p.total()) + "%" : bytes(p.bytesDone());
        return "↓ " + EventFormatter.clean(row.file()) + " " + row.protocol().wireName() + " " + done + " "
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

    record Row(String file, TransferProtocol protocol, DownloadProgress progress) {
    }

    /** One download's entry. */
    final class Handle {
        private final long id;

        private Handle(long id) {
            this.id = id;
        }

        void progress(DownloadProgress progress) {
            synchronized (rows) {
                rows.computeIfPresent(id, (key, row) -> new Row(row.file(), row.protocol(), progress));
            }
            onChange.run();
        }

        void finished() {
            synchronized (rows) {
                rows.remove(id);
            }
            onChange.run();
        }
    }
}
