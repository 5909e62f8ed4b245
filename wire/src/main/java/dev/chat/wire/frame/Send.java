package dev.chat.wire.frame;

import dev.chat.wire.ChatText;

/** Sends {@code text} to the user {@code to}, or to everyone when {@code to} is {@code all}. */
@FrameType("send")
public record Send(long id, String to, String text) implements ClientFrame, Request {
    public Send {
        Ids.check("id", id);
        Ids.required("to", to);
        ChatText.check(text, id);
    }
}
