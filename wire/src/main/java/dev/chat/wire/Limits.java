package dev.chat.wire;

/** Protocol constants shared by both ends. PROTOCOL.md documents each. */
public final class Limits {
    /** The protocol version spoken by this code; sent in {@code hello} and {@code welcome}. */
    public static final int PROTOCOL_VERSION = 1;
    /** Maximum bytes of one line, not counting the terminating {@code \n}. */
    public static final int MAX_LINE_BYTES = 64 * 1024;
    /** Chat text is 1..MAX_TEXT_BYTES bytes of UTF-8. */
    public static final int MAX_TEXT_BYTES = 4096;
    /** Names are 1..MAX_NAME_CODE_POINTS Unicode code points. */
    public static final int MAX_NAME_CODE_POINTS = 32;
    /** Largest request id: 2^53 - 1, so ids survive a JavaScript number. */
    public static final long MAX_ID = (1L << 53) - 1;
    /** Users per {@code welcome} or {@code user_list} frame; keeps any such frame far below a line. */
    public static final int USERS_PER_FRAME = 256;
    /** Longest client software description in {@code hello}. */
    public static final int MAX_CLIENT_CHARS = 128;
    /** Longest password field ({@code hello}, {@code register}, {@code password}). */
    public static final int MAX_PASSWORD_CHARS = 1024;
    /** Shortest password {@code register} and {@code password} accept (a login takes any length). */
    public static final int MIN_NEW_PASSWORD_CHARS = 8;
    /** Longest {@code resume} token a {@code hello} may carry (the daemon's are 22 characters). */
    public static final int MAX_TOKEN_CHARS = 64;
    /** Most messages one {@code history} request asks for. */
    public static final int MAX_HISTORY = 1000;
    /** An away reason's UTF-8 bytes at most (IRC servers allow about this much: AWAYLEN). */
    public static final int MAX_AWAY_BYTES = 300;

    private Limits() {
    }
}
