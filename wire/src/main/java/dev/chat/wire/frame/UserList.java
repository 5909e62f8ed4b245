package dev.chat.wire.frame;

import java.util.List;

/** One page of online users answering {@code re}; {@code more} is true on all pages but the last. */
@FrameType("user_list")
public record UserList(long re, List<String> users, boolean more) implements ServerFrame, Reply {
    public UserList {
        Ids.check("re", re);
        users = List.copyOf(Ids.required("users", users));
    }
}
