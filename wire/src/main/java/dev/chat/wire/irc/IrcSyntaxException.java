package dev.chat.wire.irc;

/** A line that is not a valid IRC message, and which rule it broke. */
public final class IrcSyntaxException extends RuntimeException {
    /** The rule a line broke; the daemon maps each to its numeric. */
    public enum Kind {
        /** No command at all (an empty line, or only tags and a prefix). */
        EMPTY,
        /** Over 510 bytes besides the tags (512 with CR LF). */
        TOO_LONG,
        /** The tags part is over {@link IrcParser#MAX_TAG_BYTES} bytes. */
        TAGS_TOO_LONG,
        /** A tag with an empty or invalid key. */
        BAD_TAG,
        /** The command is neither letters nor three digits. */
        BAD_COMMAND,
        /** More than {@link IrcParser#MAX_PARAMS} parameters. */
        TOO_MANY_PARAMS,
        /** The bytes are not UTF-8 (this server speaks only UTF-8: {@code UTF8ONLY}). */
        NOT_UTF8,
        /** A NUL, CR or LF inside the line. */
        CONTROL_CHARACTER
    }

    private final Kind kind;

    public IrcSyntaxException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
