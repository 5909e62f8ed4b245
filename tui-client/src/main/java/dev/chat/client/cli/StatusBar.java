package dev.chat.client.cli;

import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.Status;

import java.util.List;
import java.util.stream.Stream;

/**
 * Shows {@link TransferLines} in JLine's status area below the prompt. The status is redrawn through a
 * reader widget while a line is being read, so that it is drawn under the reader's lock and never
 * interleaves with {@code printAbove}; at most every {@link #MIN_REDRAW_NANOS} unless the set of
 * transfers changed. Terminals without a status area (dumb ones) get a line per transfer started.
 */
final class StatusBar {
    static final String WIDGET = "chat-status-redraw";
    private static final long MIN_REDRAW_NANOS = 200_000_000L;

    private final LineReader reader;
    private final Status status;
    private final TransferLines transfers;
    private long lastDraw;
    private int lastCount = -1;

    private StatusBar(LineReader reader, Status status, TransferLines transfers) {
        this.reader = reader;
        this.status = status;
        this.transfers = transfers;
    }

    /** Attaches a status bar for {@code transfers} to {@code reader}'s terminal, or a start-line fallback. */
    static void attach(LineReader reader, Terminal terminal, TransferLines transfers, Output fallback) {
        Status status = supported(terminal) ? Status.getStatus(terminal) : null;
        if (status == null) {
            int[] count = {0};
            transfers.onChange(() -> {
                List<String> lines = transfers.lines();
                synchronized (count) {
                    if (lines.size() > count[0]) {
                        fallback.println("* " + lines.getLast());
                    }
                    count[0] = lines.size();
                }
            });
            return;
        }
        StatusBar bar = new StatusBar(reader, status, transfers);
        reader.getWidgets().put(WIDGET, () -> {
            bar.draw();
            return true;
        });
        transfers.onChange(bar::changed);
    }

    /** What JLine's Status needs; without it, its updates are silently dropped. */
    private static boolean supported(Terminal terminal) {
        return Stream.of(Capability.change_scroll_region, Capability.save_cursor, Capability.restore_cursor,
                Capability.cursor_address).allMatch(capability -> terminal.getStringCapability(capability) != null);
    }

    private void changed() {
        synchronized (this) {
            int count = transfers.lines().size();
            long now = System.nanoTime();
            if (count == lastCount && now - lastDraw < MIN_REDRAW_NANOS) {
                return;
            }
            lastDraw = now;
            lastCount = count;
        }
        try {
            reader.callWidget(WIDGET);
        } catch (IllegalStateException notReading) {
            draw();
        }
    }

    private synchronized void draw() {
        status.update(transfers.lines().stream().map(AttributedString::new).toList());
    }
}
