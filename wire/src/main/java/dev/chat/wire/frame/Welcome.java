package dev.chat.wire.frame;

import java.util.List;

/**
 * The answer to a successful {@link Hello}: the name as registered, the online users (the joiner
 * included) and what the daemon allows. When more users are online than fit one frame,
 * {@code more} is true and {@link UserList} frames with the same {@code re} follow, the last with
 * {@code more} false, before any other frame.
 */
@FrameType("welcome")
public record Welcome(long re, String name, List<String> users, boolean more, String server, int version,
                      ServerLimits limits) implements ServerFrame, Reply {
    public Welcome {
        Ids.check("re", re);
        Ids.required("name", name);
        users = List.copyOf(Ids.required("users", users));
        Ids.required("server", server);
        Ids.required("limits", limits);
    }
}
