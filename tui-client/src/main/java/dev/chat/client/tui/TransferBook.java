package dev.chat.client.tui;

import dev.chat.client.ChatSession;
import dev.chat.client.DownloadException;
import dev.chat.client.DownloadHandle;
import dev.chat.client.DownloadListener;
import dev.chat.client.DownloadResult;
import dev.chat.client.TransferProtocol;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The transfers behind the transfers pane: one {@link TransferRow} per download, each with its own
 * progress (the seed shared one bar among all). While any transfer runs, a timer samples every
 * handle's progress {@link #POLL} apart on the GUI thread; with none running, no timer runs.
 * GUI thread only, except the timer and result callbacks, which only post.
 */
final class TransferBook {
    static final Duration POLL = Duration.ofMillis(250);
    /**
     * How long a finished row stays before it hides by itself: the chat pane has said where the file
     * went or why it failed, so the row is only a reminder. {@code /clear transfers} drops them at once.
     */
    static final Duration LINGER = Duration.ofSeconds(60);

    private final TuiState state;
    private final Executor gui;
    private final ScheduledExecutorService timers;
    private final Runnable changed;
    private final java.time.Clock clock;
    private final Duration linger;
    private final Map<Integer, DownloadHandle> handles = new HashMap<>();
    private ScheduledFuture<?> poller;
    private int nextId = 1;

    TransferBook(TuiState state, Executor gui, ScheduledExecutorService timers, Runnable changed, java.time.Clock clock) {
        this(state, gui, timers, changed, clock, LINGER);
    }

    TransferBook(TuiState state, Executor gui, ScheduledExecutorService timers, Runnable changed, java.time.Clock clock,
                 Duration linger) {
        this.linger = linger;
        this.clock = clock;
        this.state = state;
        this.gui = gui;
        this.timers = timers;
        this.changed = changed;
    }

    /** Starts a download and gives it a row; returns the row's id. */
    int start(ChatSession session, String file, TransferProtocol protocol, Path directory) {
        int id = nextId++;
        state.transfers.put(id, TransferRow.started(id, file, protocol));
        DownloadHandle handle = session.download(file, protocol, directory, DownloadListener.NONE);
        handles.put(id, handle);
        handle.result().whenComplete((saved, error) -> gui.execute(() -> finished(id, saved, error)));
        ensurePolling();
        return id;
    }

    /** Cancels transfer {@code id}; false when there is no such running transfer. */
    boolean cancel(int id) {
        DownloadHandle handle = handles.get(id);
        TransferRow row = state.transfers.get(id);
        if (handle == null || row == null || row.status().finished()) {
            return false;
        }
        handle.cancel();
        state.transfers.put(id, row.finish(TransferStatus.CANCELLED, ""));
        handles.remove(id);
        hideLater(id);
        return true;
    }

    /** Removes the rows of finished transfers; returns how many. */
    int clearFinished() {
        int before = state.transfers.size();
        state.transfers.values().removeIf(row -> row.status().finished());
        return before - state.transfers.size();
    }

    /** The row's end, and a line in the chat pane that says where the file went or why it did not. */
    private void finished(int id, DownloadResult saved, Throwable error) {
        DownloadHandle handle = handles.remove(id);
        TransferRow row = state.transfers.get(id);
        if (row == null) {
            return;
        }
        if (handle != null) {
            row = row.with(handle.progress());
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null) {
            row = row.finish(TransferStatus.DONE, "");
            note(ChatLine.info(now(), "transfer " + id + " done: saved " + Cells.isolate(saved.file().toAbsolutePath().toString()) + " ("
                    + Units.bytes(saved.bytes()) + (saved.resumed() ? ", resumed from a .part at "
                    + Units.bytes(saved.resumedFrom()) : "") + ")"));
        } else if (cause instanceof CancellationException
                || cause instanceof DownloadException d && d.reason() == DownloadException.Reason.CANCELLED) {
            row = row.finish(TransferStatus.CANCELLED, "");
        } else {
            String why = why(cause);
            row = row.finish(TransferStatus.FAILED, why);
            note(ChatLine.error(now(), "", "transfer " + id + " (" + Cells.isolate(row.file()) + ") failed: " + why));
        }
        state.transfers.put(id, row);
        hideLater(id);
        changed.run();
    }

    /** The finished row {@code id} leaves the pane after {@link #linger}. */
    private void hideLater(int id) {
        timers.schedule(() -> gui.execute(() -> {
            TransferRow row = state.transfers.get(id);
            if (row != null && row.status().finished()) {
                state.transfers.remove(id);
                changed.run();
            }
        }), linger.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The daemon's code when there is one, and the message: what the user needs to act on. */
    private static String why(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof DownloadException d && d.code() != null) {
            return d.code() + ": " + message;
        }
        return message;
    }

    private void note(ChatLine line) {
        state.scrollback().append(line);
    }

    private long now() {
        return clock.millis();
    }

    private void ensurePolling() {
        if (poller == null) {
            poller = timers.scheduleAtFixedRate(() -> gui.execute(this::poll), POLL.toMillis(), POLL.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void poll() {
        handles.forEach((id, handle) -> state.transfers.computeIfPresent(id, (k, row) -> row.with(handle.progress())));
        if (handles.isEmpty() && poller != null) {
            poller.cancel(false);
            poller = null;
        }
        changed.run();
    }
}
