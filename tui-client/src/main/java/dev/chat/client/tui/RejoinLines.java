package dev.chat.client.tui;

import dev.chat.client.JoinException;
import dev.chat.wire.ErrorCode;

import java.time.Clock;
import java.time.Duration;

/**
 * What the full-screen client says while the connection is down: the status bar's countdown, one
 * chat line about the attempts updated in place (not one per attempt), and whether a taken name
 * should open the join dialog (once per loss). GUI thread only.
 */
final class RejoinLines {
    private final TuiState state;
    private final Clock clock;
    /** The chat pane's one line about rejoin attempts; null when connected. */
    private ChatLine attemptLine;
    private int attempts;
    /** The join dialog was offered for a taken name during this loss. */
    private boolean offeredNewName;

    RejoinLines(TuiState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    void joined() {
        attemptLine = null;
        attempts = 0;
        offeredNewName = false;
    }

    void lost(Throwable cause, Duration delay) {
        joined();
        state.link = TuiState.Link.RECONNECTING;
        countdown(delay);
        state.scrollback().append(ChatLine.error(clock.millis(), "DISCONNECTED", "connection lost ("
                + cause.getMessage() + "); reconnecting as " + state.ownName + " (/reconnect or F5 tries now)"));
    }

    /** A rejoin failed; true when the join dialog should now offer another name (a taken name, once). */
    boolean retrying(Duration delay, Exception lastFailure) {
        state.link = TuiState.Link.RECONNECTING;
        countdown(delay);
        attempts++;
        boolean taken = lastFailure instanceof JoinException j && j.code().filter(c -> c == ErrorCode.NAME_TAKEN).isPresent();
        String why = lastFailure instanceof JoinException j && j.code().isPresent() ? j.code().get().toString()
                : String.valueOf(lastFailure.getMessage());
        ChatLine line = ChatLine.info(clock.millis(), "rejoin attempt " + attempts + " failed (" + why + "); next try in "
                + delay.toSeconds() + " s" + (taken ? "; /nick NAME rejoins under another name" : ""));
        state.scrollback().replaceNewest(attemptLine, line);
        attemptLine = line;
        boolean offer = taken && !offeredNewName;
        offeredNewName |= taken;
        return offer;
    }

    void countdown(Duration left) {
        state.linkNote = "retry in " + left.toSeconds() + " s (F5 now)";
    }

    /** The join dialog's line for a failed join. */
    static String describeJoinFailure(Exception e) {
        if (e instanceof JoinException join) {
            return switch (join.kind()) {
                case REJECTED -> join.code().map(code -> switch (code) {
                    case NAME_TAKEN -> "that name is taken: try another";
                    case NAME_INVALID -> "not a valid name: " + join.getMessage();
                    case PASSWORD_REQUIRED, WRONG_PASSWORD -> code + ": " + join.getMessage()
                            + " (start chat with --password-file FILE or CHAT_PASSWORD)";
                    default -> code + ": " + join.getMessage();
                }).orElse(join.getMessage());
                case UNREACHABLE -> join.getMessage() + " - Enter to retry";
                default -> join.kind() + ": " + join.getMessage() + " - Enter to retry";
            };
        }
        return "failed: " + e + " - Enter to retry";
    }
}
