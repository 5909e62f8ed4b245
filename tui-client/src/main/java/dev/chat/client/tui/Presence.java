package dev.chat.client.tui;

import dev.chat.client.ChatException;
import dev.chat.client.ChatSession;

import java.time.Clock;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * This user's own away state ({@code /away REASON}, {@code /away}, {@code /back}): asks the daemon,
 * and once it said yes shows it in the status bar ({@link TuiState#ownAway}). The daemon forgets it
 * with the session, so a rejoin asks again. GUI thread only; replies are posted back with {@code gui}.
 */
final class Presence {
    private final TuiState state;
    private final Executor gui;
    private final Clock clock;
    /** The joined session, or null while not connected. */
    private final Supplier<ChatSession> sessions;

    Presence(TuiState state, Executor gui, Clock clock, Supplier<ChatSession> sessions) {
        this.state = state;
        this.gui = gui;
        this.clock = clock;
        this.sessions = sessions;
    }

    /** {@code reason} null: back. */
    void set(String reason) {
        ChatSession session = sessions.get();
        if (session == null) {
            state.scrollback().append(ChatLine.error(clock.millis(), "DISCONNECTED",
                    "not connected: away is a state of the session, set it once back"));
            return;
        }
        session.away(reason).whenComplete((ok, failure) -> gui.execute(() -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                String code = cause instanceof ChatException chat ? chat.code().toString() : "ERROR";
                state.scrollback().append(ChatLine.error(clock.millis(), code, String.valueOf(cause.getMessage())));
                return;
            }
            state.ownAway = reason;
            state.scrollback().append(ChatLine.info(clock.millis(),
                    reason == null ? "you are back" : "you are away: " + Cells.isolate(reason)));
        }));
    }

    /** A rejoin: the new session is here until told otherwise, so an away state is set again. */
    void joined(ChatSession session) {
        String reason = state.ownAway;
        if (reason != null) {
            session.away(reason).whenComplete((ok, failure) -> gui.execute(() -> {
                if (failure != null) {
                    state.ownAway = null; // the status bar must not claim what the daemon does not know
                }
            }));
        }
    }
}
