package dev.chat.wire.frame;

import dev.chat.wire.ChatText;

/**
 * Sends {@code text} to the user {@code to}, or to everyone when {@code to} is {@code all}.
 *
 * @param action true for an action ({@code /me}); absent for a plain message
 */
@FrameType("send")
public record Send(long id, String to, String text, @OptionalField Boolean action) implements ClientFrame, Request {
    public Send {
        Ids.check("id", id);
        Ids.required("to", to);
        ChatText.check(text, id);
        if (Boolean.FALSE.equals(action)) {
            action = null; // one form on the wire: the field is there only when true
        }
    }

    /** A plain message (not an action). */
    public Send(long id, String to, String text) {
        this(id, to, text, null);
    }

    /** True for an action ({@code /me waves}): {@code text} says what the sender does. */
    public boolean isAction() {
        return Boolean.TRUE.equals(action);
    }
}
