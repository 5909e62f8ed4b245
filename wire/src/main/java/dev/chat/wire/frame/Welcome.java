package dev.chat.wire.frame;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;

import java.util.List;
import java.util.Map;

/**
 * The answer to a successful {@link Hello}: the name as registered, the online users (the joiner
 * included) and what the daemon allows. When more users are online than fit one frame,
 * {@code more} is true and {@link UserList} frames with the same {@code re} follow, the last with
 * {@code more} false, before any other frame.
 *
 * @param account     whether the name is a registered account or a guest's (absent from old daemons)
 * @param resumeToken what a later {@code hello} presents to reclaim this name within the grace period
 * @param history     how many {@code message} frames marked history follow the welcome (and its
 *                    pages) before any live frame; absent when none
 * @param away        the users of this page who are away, with their reasons; absent when none is
 */
@FrameType("welcome")
public record Welcome(long re, String name, List<String> users, boolean more, String server, int version,
                      ServerLimits limits, @OptionalField AccountKind account, @OptionalField String resumeToken,
                      @OptionalField Integer history, @OptionalField Map<String, String> away)
        implements ServerFrame, Reply {
    public Welcome {
        Ids.check("re", re);
        Ids.required("name", name);
        users = List.copyOf(Ids.required("users", users));
        Ids.required("server", server);
        Ids.required("limits", limits);
        away = away == null || away.isEmpty() ? null : Map.copyOf(away);
        if (history != null && history < 0) {
            throw new ProtocolException(ErrorCode.BAD_FRAME,
                    "field 'history' must not be negative");
        }
    }

    /** A welcome without the account fields, as daemons before accounts sent it. */
    public Welcome(long re, String name, List<String> users, boolean more, String server, int version,
                   ServerLimits limits) {
        this(re, name, users, more, server, version, limits, null, null, null, null);
    }

    /** A welcome without away states. */
    public Welcome(long re, String name, List<String> users, boolean more, String server, int version,
                   ServerLimits limits, AccountKind account, String resumeToken, Integer history) {
        this(re, name, users, more, server, version, limits, account, resumeToken, history, null);
    }

    /** The number of history messages that follow, 0 when the field is absent. */
    public int historyCount() {
        return history == null ? 0 : history;
    }

    public boolean registered() {
        return account == AccountKind.REGISTERED;
    }
}
