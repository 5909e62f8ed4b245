package dev.chat.wire.frame;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;

/**
 * A typed error. {@code re} is the id of the request it answers, absent when the offending line
 * had no readable id. After a {@linkplain ErrorCode#fatal() fatal} code the daemon closes.
 */
@FrameType("error")
public record ErrorFrame(@OptionalField Long re, ErrorCode code, String message) implements ServerFrame {
    public ErrorFrame {
        if (re != null) {
            Ids.check("re", re);
        }
        Ids.required("code", code);
        Ids.required("message", message);
    }

    public static ErrorFrame of(ProtocolException e) {
        return new ErrorFrame(e.re().isPresent() ? e.re().getAsLong() : null, e.code(), e.getMessage());
    }

    public ProtocolException toException() {
        return new ProtocolException(code, message, re);
    }
}
