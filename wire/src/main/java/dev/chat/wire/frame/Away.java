package dev.chat.wire.frame;

import dev.chat.wire.ChatText;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.Limits;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.Utf8;

/**
 * Marks this user away with {@code reason}, or back when the reason is absent or blank; the daemon
 * answers {@link Ok} and tells everyone with {@link UserAway}.
 */
@FrameType("away")
public record Away(long id, @OptionalField String reason) implements ClientFrame, Request {
    public Away {
        Ids.check("id", id);
        if (reason != null && reason.isBlank()) {
            reason = null; // one form for "back"
        }
        if (reason != null) {
            if (Utf8.encodedLength(reason) > Limits.MAX_AWAY_BYTES) {
                throw new ProtocolException(ErrorCode.MESSAGE_TOO_LONG,
                        "an away reason has at most " + Limits.MAX_AWAY_BYTES + " bytes", id);
            }
            ChatText.check(reason, id);
        }
    }

    public boolean isBack() {
        return reason == null;
    }
}
