package dev.chat.client.tui;

import dev.chat.client.ChatException;
import dev.chat.client.ChatSession;
import dev.chat.client.DisconnectedException;
import dev.chat.client.command.LongText;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.Names;
import dev.chat.wire.frame.Sent;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The full-screen client's outgoing lines: sends them on the joined session, shows each once the
 * daemon confirmed it, keeps lines typed while the connection is down in an outbox (sent in order
 * after the rejoin), splits a line over the daemon's limit, and gives back every line that failed
 * (nothing typed is lost). GUI thread only; replies are posted back with {@code gui}.
 */
final class Sender {
    /**
     * A line on its way: where to, what, the line as typed (restored into the input if the send
     * fails), whether the user addressed it with a {@code NAME:} prefix, and whether it is an action
     * ({@code /me}).
     */
    private record Outgoing(String target, String text, String typed, boolean addressed, boolean action) {
        CompletableFuture<Sent> sendOn(ChatSession session) {
            return action ? session.sendAction(target, text) : session.send(target, text);
        }
    }

    private final TuiState state;
    private final Executor gui;
    private final Clock clock;
    /** The joined session, or null while not connected. */
    private final Supplier<ChatSession> sessions;
    private final Deque<Outgoing> outbox = new ArrayDeque<>();

    Sender(TuiState state, Executor gui, Clock clock, Supplier<ChatSession> sessions) {
        this.state = state;
        this.gui = gui;
        this.clock = clock;
        this.sessions = sessions;
    }

    /** Sends {@code text} to {@code target}; {@code typed} is the line as typed, restored on failure. */
    void send(String target, String text, String typed, boolean addressed) {
        send(new Outgoing(target, text, typed, addressed, false));
    }

    /** {@code /me text} to {@code target}: as a line, but shown {@code * you text}. */
    void action(String target, String text, String typed) {
        send(new Outgoing(target, text, typed, false, true));
    }

    private void send(Outgoing out) {
        state.scrollback().scroll(-state.scrollback().size()); // as in irssi: what you send, you see
        if (LongText.tooLong(out.text())) {
            // The status bar said so before Enter: over the daemon's limit, the line goes as several messages.
            List<String> parts = LongText.split(out.text());
            note("that line is " + LongText.bytes(out.text()) + " bytes, over the daemon's " + LongText.MAX_BYTES
                    + ": sent as " + parts.size() + " messages");
            parts.forEach(part -> send(new Outgoing(out.target(), part, part, out.addressed(), out.action())));
            return;
        }
        ChatSession session = sessions.get();
        if (session == null) {
            if (outbox.size() >= Controller.OUTBOX_LIMIT) {
                error("NOT_SENT", "not connected and " + Controller.OUTBOX_LIMIT + " lines already wait");
                restore(out.typed());
                return;
            }
            outbox.add(out);
            note("not connected: '" + out.text() + "' for " + out.target() + " waits (" + outbox.size() + " queued)");
            return;
        }
        out.sendOn(session).whenComplete((sent, failure) -> gui.execute(() -> sent(out, sent, failure)));
    }

    private void sent(Outgoing out, Sent sent, Throwable failure) {
        if (failure == null) {
            ChatLine.Kind kind = out.action() ? ChatLine.Kind.ACTION
                    : Names.isBroadcast(sent.to()) ? ChatLine.Kind.BROADCAST : ChatLine.Kind.PRIVATE_OUT;
            state.postSent(new ChatLine(sent.ts(), kind, state.ownName, sent.to(), out.text()),
                    Names.isBroadcast(sent.to()) ||
                    Names.key(sent.to()).equals(Names.key(state.ownName)) ? null : sent.to());
            if (sent.isStored()) {
                note(sent.to() + " is away: the message is stored and delivered when they are back");
            }
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        switch (cause) {
            case ChatException chat -> {
                error(chat.code().toString(), chat.getMessage());
                restore(out.typed());
                if (chat.code() == ErrorCode.UNKNOWN_TARGET && out.addressed()) {
                    state.plainOffer = out.typed();
                    note("Enter sends the line as it is to " + state.target() + " as plain text; editing it cancels that");
                }
            }
            case DisconnectedException gone -> {
                outbox.add(out);
                note("connection dropped before '" + out.text() + "' was confirmed: it waits for the rejoin");
            }
            case TimeoutException timeout -> {
                error("TIMEOUT", "no reply to '" + out.text() + "' in time; it may not have arrived");
                restore(out.typed());
            }
            default -> {
                error("ERROR", String.valueOf(cause.getMessage()));
                restore(out.typed());
            }
        }
    }

    /**
     * Nothing typed is lost: a line that was not sent goes back into the input line, or, when the
     * user is already typing the next one, stays in the history for Up.
     */
    private void restore(String typed) {
        if (state.input.text().isEmpty()) {
            state.input.set(typed);
        } else {
            state.history.add(typed);
            note("'" + typed + "' was not sent; Up brings it back");
        }
    }

    /** After a (re)join: the lines that waited go out, in order. */
    void flush(ChatSession session) {
        if (!outbox.isEmpty()) {
            note("sending " + outbox.size() + " queued line(s)");
        }
        while (!outbox.isEmpty()) {
            Outgoing next = outbox.poll();
            next.sendOn(session).whenComplete((sent, failure) -> gui.execute(() -> sent(next, sent, failure)));
        }
    }

    private void note(String text) {
        state.scrollback().append(ChatLine.info(clock.millis(), text));
    }

    private void error(String code, String text) {
        state.scrollback().append(ChatLine.error(clock.millis(), code, text));
    }
}
