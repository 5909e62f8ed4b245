package dev.chat.wire.frame;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.Limits;
import dev.chat.wire.ProtocolException;

/**
 * Asks for up to {@code limit} past messages (broadcasts and the client's own privates, merged by
 * id): the newest ones with ids below {@code before}, the oldest with ids above {@code after}, or
 * the newest of all when neither is given. Answered by {@link HistoryPage} frames.
 */
@FrameType("history")
public record HistoryRequest(long id, @OptionalField Long before, @OptionalField Long after, int limit)
        implements ClientFrame, Request {
    public HistoryRequest {
        Ids.check("id", id);
        if (before != null && after != null) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "give 'before' or 'after', not both", id);
        }
        if (before != null) {
            Ids.check("before", before);
        }
        if (after != null) {
            Ids.check("after", after);
        }
        if (limit < 1 || limit > Limits.MAX_HISTORY) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "field 'limit' must be 1 to " + Limits.MAX_HISTORY, id);
        }
    }
}
