package dev.chat.wire.frame;

import java.util.List;
import java.util.Map;

/**
 * One page of online users answering {@code re}; {@code more} is true on all pages but the last.
 *
 * @param away the users of this page who are away, with their reasons; absent when none is
 */
@FrameType("user_list")
public record UserList(long re, List<String> users, boolean more, @OptionalField Map<String, String> away)
        implements ServerFrame, Reply {
    public UserList {
        Ids.check("re", re);
        users = List.copyOf(Ids.required("users", users));
        away = away == null || away.isEmpty() ? null : Map.copyOf(away);
    }

    public UserList(long re, List<String> users, boolean more) {
        this(re, users, more, null);
    }

    /** The away reason of {@code user}, or null when it is here. */
    public String awayReason(String user) {
        return away == null ? null : away.get(user);
    }
}
