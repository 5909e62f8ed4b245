package dev.chat.wire.frame;

/** Asks for the online users; answered by one or more {@link UserList} frames. */
@FrameType("list_users")
public record ListUsers(long id) implements ClientFrame, Request {
    public ListUsers {
        Ids.check("id", id);
    }
}
