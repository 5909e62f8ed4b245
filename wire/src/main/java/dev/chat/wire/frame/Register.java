package dev.chat.wire.frame;

/** Registers the name this session joined under, with {@code password}. Answered by {@link Ok} or an error. */
@FrameType("register")
public record Register(long id, String password) implements ClientFrame, Request {
    public Register {
        Ids.check("id", id);
        Ids.required("password", password);
        Passwords.checkLength("password", password, id);
    }

    @Override
    public String toString() {
        return "Register[id=" + id + ", password=***]";
    }
}
