package dev.chat.wire;

import java.util.OptionalLong;

/**
 * A typed protocol error: what went wrong ({@link #code()}), a human message, and the id of the
 * request it answers when that id could be read ({@link #re()}). Unchecked so that record compact
 * constructors can throw it while validating.
 */
public final class ProtocolException extends RuntimeException {
    private final ErrorCode code;
    private final Long re;

    public ProtocolException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ProtocolException(ErrorCode code, String message, Long re) {
        super(message, null, false, false);
        this.code = code;
        this.re = re;
    }

    public ErrorCode code() {
        return code;
    }

    /** The id of the request this error answers, if known. */
    public OptionalLong re() {
        return re == null ? OptionalLong.empty() : OptionalLong.of(re);
    }

    /** The same error, now attributed to request {@code id}. */
    public ProtocolException withRe(long id) {
        return new ProtocolException(code, getMessage(), id);
    }

    @Override
    public String toString() {
        return code + ": " + getMessage();
    }
}
