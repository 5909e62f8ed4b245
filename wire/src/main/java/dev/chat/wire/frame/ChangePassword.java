package dev.chat.wire.frame;

/** Replaces the joined account's password {@code old} with {@code password}. Answered by {@link Ok} or an error. */
@FrameType("password")
public record ChangePassword(long id, String old, String password) implements ClientFrame, Request {
    public ChangePassword {
        Ids.check("id", id);
        Ids.required("old", old);
        Ids.required("password", password);
        Passwords.checkLength("old", old, id);
        Passwords.checkLength("password", password, id);
    }

    @Override
    public String toString() {
        return "ChangePassword[id=" + id + ", old=***, password=***]";
    }
}
