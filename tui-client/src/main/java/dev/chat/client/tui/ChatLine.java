package dev.chat.client.tui;

import java.util.Objects;

/**
 * One entry of the chat pane's scrollback, before layout: who, what kind, the text, server time.
 *
 * @param ts   epoch milliseconds (server time for messages, local time for local notes)
 * @param kind how the line is shown
 * @param nick the author (messages), the user who came or went (join/leave), or "" otherwise
 * @param peer the other side of a private message (or action), the leave reason, or an error code; "" if none
 * @param text the message text or note
 * @param quiet a join or leave of someone who has not spoken lately: hidden by the smart filter
 */
record ChatLine(long ts, Kind kind, String nick, String peer, String text, boolean quiet) {
    /** How a line is shown; private messages are marked with an arrow naming both sides. */
    enum Kind {
        /** {@code nick: text}, a broadcast someone (maybe you) sent to all. */
        BROADCAST,
        /** {@code nick -> you: text}. */
        PRIVATE_IN,
        /** {@code you -> peer: text}. */
        PRIVATE_OUT,
        /** {@code * nick text}: an action ({@code /me}), to all or private, from anyone (maybe you). */
        ACTION,
        /** {@code --> nick joined}. */
        JOIN,
        /** {@code <-- nick left (reason)}. */
        LEAVE,
        /** {@code ! CODE: text} in the error colour. */
        ERROR,
        /** {@code * text}: local notes (help, user lists, target changes). */
        INFO
    }

    ChatLine {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(nick, "nick");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(text, "text");
    }

    ChatLine(long ts, Kind kind, String nick, String peer, String text) {
        this(ts, kind, nick, peer, text, false);
    }

    /** This line, shown by the smart filter after all (its user spoke). */
    ChatLine unmasked() {
        return new ChatLine(ts, kind, nick, peer, text, false);
    }

    static ChatLine info(long ts, String text) {
        return new ChatLine(ts, Kind.INFO, "", "", text);
    }

    static ChatLine error(long ts, String code, String text) {
        return new ChatLine(ts, Kind.ERROR, "", code, text);
    }

    /** The part before the text, e.g. {@code bob -> you:}; the nick in it gets the nick colour. */
    String prefix() {
        return switch (kind) {
            case BROADCAST -> nick + ":";
            case ACTION -> "* " + nick;
            case PRIVATE_IN -> nick + " -> you:";
            case PRIVATE_OUT -> "you -> " + peer + ":";
            case JOIN -> "-->";
            case LEAVE -> "<--";
            case ERROR -> "!" + (peer.isEmpty() ? "" : " " + peer + ":");
            case INFO -> "*";
        };
    }

    /** True for lines whose body is a template of ours (laid out left to right), not a peer's paragraph. */
    boolean templated() {
        return switch (kind) {
            case JOIN, LEAVE, INFO, ERROR -> true;
            case BROADCAST, PRIVATE_IN, PRIVATE_OUT, ACTION -> false;
        };
    }

    /**
     * The body shown after the prefix. A join or leave is our template with the nick as its own
     * isolated run ({@link Cells#isolate}), so a right-to-left nick never flips the English around it.
     */
    String body() {
        return switch (kind) {
            case JOIN -> Cells.isolate(nick) + " joined";
            case LEAVE -> Cells.isolate(nick) + " left (" + peer + ")";
            default -> text;
        };
    }
}
