package dev.chat.client.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.chat.client.ChatListener;
import dev.chat.client.ChatSession;
import dev.chat.client.ClientOptions;
import dev.chat.client.JoinException;
import dev.chat.client.ServerChangedException;
import dev.chat.client.TlsOptions;
import dev.chat.client.TrustDecision;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Trust on first use in the full-screen client, as ssh asks about a new host key: a dialog over the
 * screen shows the certificate's fingerprint and asks; and a certificate that differs from the one
 * in known_hosts is shown loudly (both fingerprints, the line to delete), after which the client
 * quits. Refusing is the default button.
 *
 * <p>Threads: {@link #trustNewServer} runs on the join thread, inside the TLS handshake, and blocks
 * until the user answers; it only posts to the GUI thread. {@link #handle} and {@link #paint} run on
 * the GUI thread, which owns what is shown. {@link #close} (any thread) refuses a pending question.
 */
final class TrustDialog implements TrustDecision {
    /** What the dialog shows. */
    private sealed interface Shown permits Question, Changed {
    }

    /** An unknown server; {@code answer} completes on the GUI thread. */
    private record Question(String hostPort, String fingerprint, CompletableFuture<Boolean> answer) implements Shown {
    }

    /** The remembered certificate is not the one presented: refused, shown until the user quits. */
    private record Changed(String hostPort, String known, String seen) implements Shown {
    }

    /** One dialog row. */
    private record Row(String text, Canvas.Style style) {
    }

    private static final int MAX_WIDTH = 80;

    private final AtomicReference<CompletableFuture<Boolean>> pending = new AtomicReference<>();
    private volatile Executor gui;
    private volatile Runnable quit = () -> { };
    private volatile Path knownHosts;
    private volatile boolean closed;
    /** GUI thread only. */
    private Shown shown;
    private boolean trustSelected;

    /** Connects the dialog to the GUI loop; until then (and after {@link #close}) every unknown server is refused. */
    void bind(Executor guiThread, Runnable quitClient) {
        this.quit = quitClient;
        this.gui = guiThread;
    }

    /** {@code options} with this dialog as their trust decision (unchanged when they are plaintext). */
    ClientOptions askingFor(ClientOptions options) {
        TlsOptions tls = options.tls();
        if (tls == null) {
            return options;
        }
        knownHosts = tls.knownHosts().file();
        return options.toBuilder().tls(new TlsOptions(tls.caFile(), tls.fingerprint(), tls.knownHosts(), this)).build();
    }

    /** {@code inner}, with a refused changed certificate shown in this dialog (the join path's hook). */
    Connector watching(Connector inner) {
        return new Connector() {
            @Override
            public ChatSession join(String name, ChatListener listener) throws JoinException {
                try {
                    return inner.join(name, listener);
                } catch (JoinException e) {
                    changed(e, inner.address());
                    throw e;
                }
            }

            @Override
            public String address() {
                return inner.address();
            }

            @Override
            public void usePassword(String password) {
                inner.usePassword(password);
            }

            @Override
            public void failover() {
                inner.failover();
            }

            @Override
            public boolean local() {
                return inner.local();
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    private void changed(JoinException e, String hostPort) {
        Executor executor = gui;
        if (executor == null) {
            return;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ServerChangedException changed) {
                Changed show = new Changed(hostPort, changed.known(), changed.seen());
                executor.execute(() -> shown = show);
                return;
            }
        }
    }

    /** Join thread: shows the question and waits for the answer; false when the client closes first. */
    @Override
    public boolean trustNewServer(String hostPort, String fingerprint) {
        Executor executor = gui;
        if (executor == null || closed) {
            return false;
        }
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        pending.set(answer); // the connector joins one attempt at a time
        if (closed) {
            answer.complete(false);
        }
        executor.execute(() -> ask(new Question(hostPort, fingerprint, answer)));
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        } finally {
            pending.compareAndSet(answer, null);
        }
    }

    private void ask(Question question) {
        if (!question.answer().isDone()) {
            shown = question;
            trustSelected = false;
        }
    }

    /** Refuses a question still open: the join thread must not wait for a GUI that is gone. */
    void close() {
        closed = true;
        CompletableFuture<Boolean> open = pending.getAndSet(null);
        if (open != null) {
            open.complete(false);
        }
    }

    /** GUI thread: whether the dialog is over the screen. */
    boolean showing() {
        return shown != null;
    }

    /**
     * GUI thread: takes every key while showing (true). Ctrl-C and end of input refuse and are
     * passed on (false), so that they quit as everywhere else.
     */
    boolean handle(KeyStroke key) {
        if (shown == null) {
            return false;
        }
        boolean quitKey = key.getKeyType() == KeyType.EOF || key.isCtrlDown() && isChar(key, 'c');
        if (shown instanceof Changed) {
            if (quitKey || key.getKeyType() == KeyType.Enter || key.getKeyType() == KeyType.Escape) {
                shown = null;
                quit.run();
            }
            return true;
        }
        Question question = (Question) shown;
        if (quitKey) {
            answer(question, false);
            return false;
        }
        switch (key.getKeyType()) {
            case Enter -> answer(question, trustSelected);
            case Escape -> answer(question, false);
            case Tab, ArrowLeft, ArrowRight -> trustSelected = !trustSelected;
            case Character -> {
                if (isChar(key, 'y')) {
                    answer(question, true);
                } else if (isChar(key, 'n')) {
                    answer(question, false);
                }
            }
            default -> { }
        }
        return true;
    }

    private void answer(Question question, boolean trust) {
        shown = null;
        question.answer().complete(trust);
    }

    private static boolean isChar(KeyStroke key, char c) {
        return key.getKeyType() == KeyType.Character && Character.toLowerCase(key.getCharacter()) == c;
    }

    /** GUI thread: draws the dialog centred over whatever is below; no cursor. */
    void paint(Canvas c) {
        Shown now = shown;
        if (now == null || c.columns() < 12 || c.rows() < 5) {
            return;
        }
        boolean changed = now instanceof Changed;
        int width = Math.min(MAX_WIDTH, c.columns() - 2);
        List<Row> rows = rows(now, width - 4);
        int chrome = changed ? 4 : 5; // borders and a blank row around the text; the buttons' row
        int height = Math.min(c.rows(), rows.size() + chrome);
        int col = (c.columns() - width) / 2;
        int top = Math.max(0, (c.rows() - height) / 2);
        Canvas.Style frame = changed ? Canvas.Style.ERROR : Canvas.Style.BOLD;
        c.box(col, top, width, height, changed ? "CERTIFICATE CHANGED" : "New server " + Cells.clean(hostPort(now)), frame);
        for (int i = 0; i < Math.min(rows.size(), height - chrome); i++) {
            c.text(col + 2, top + 2 + i, rows.get(i).text(), width - 4, rows.get(i).style());
        }
        if (!changed) {
            buttons(c, col + 2, top + height - 2, width - 4);
        }
    }

    private void buttons(Canvas c, int col, int row, int room) {
        int used = c.text(col, row, "[ Trust ]", room, trustSelected ? Canvas.Style.SELECTED : Canvas.Style.PLAIN);
        used += c.text(col + used, row, "  ", room - used, Canvas.Style.PLAIN);
        used += c.text(col + used, row, "[ Refuse ]", room - used, trustSelected ? Canvas.Style.PLAIN : Canvas.Style.SELECTED);
        c.text(col + used, row, "   y: trust  n, Esc: refuse  Tab: switch", room - used, Canvas.Style.DIM);
    }

    private static String hostPort(Shown shown) {
        return switch (shown) {
            case Question q -> q.hostPort();
            case Changed ch -> ch.hostPort();
        };
    }

    private List<Row> rows(Shown now, int room) {
        String file = knownHosts == null ? "known_hosts" : knownHosts.toString();
        List<Row> rows = new ArrayList<>();
        switch (now) {
            case Question q -> {
                add(rows, "The TLS certificate of " + Cells.clean(q.hostPort()) + " is not known yet. Its fingerprint is",
                        Canvas.Style.PLAIN, room);
                add(rows, "  " + q.fingerprint(), Canvas.Style.BOLD, room);
                add(rows, "Compare it with what the server's operator sees ('chatd --fingerprint'), over a channel"
                        + " you trust. Trusted, it is remembered in " + file + " and not asked again.", Canvas.Style.PLAIN, room);
            }
            case Changed ch -> {
                add(rows, "The TLS certificate of " + Cells.clean(ch.hostPort()) + " has CHANGED: refused.",
                        Canvas.Style.ERROR, room);
                add(rows, "  known: " + ch.known(), Canvas.Style.BOLD, room);
                add(rows, "  now:   " + ch.seen(), Canvas.Style.BOLD, room);
                add(rows, "Someone may be intercepting the connection, or the server got a new certificate."
                        + " Ask its operator ('chatd --fingerprint'). Only if the new one is right, delete the line",
                        Canvas.Style.PLAIN, room);
                add(rows, "  " + Cells.clean(ch.hostPort()) + " " + ch.known(), Canvas.Style.BOLD, room);
                add(rows, "from " + file + " and connect again.", Canvas.Style.PLAIN, room);
                add(rows, "Enter: quit", Canvas.Style.DIM, room);
            }
        }
        return rows;
    }

    private static void add(List<Row> rows, String text, Canvas.Style style, int room) {
        Cells.wrap(text, Math.max(1, room)).forEach(line -> rows.add(new Row(line, style)));
    }
}
