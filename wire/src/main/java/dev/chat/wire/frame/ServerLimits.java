package dev.chat.wire.frame;

/**
 * What the daemon allows, sent in {@link Welcome}. A rate of 0 means no flood limit.
 *
 * @param maxLineBytes      bytes per line, without the newline
 * @param maxTextBytes      UTF-8 bytes of chat text
 * @param maxNameCodePoints code points of a name
 * @param ratePerSecond     frames per second a session may sustain (0: unlimited)
 * @param rateBurst         frames a session may send at once
 * @param idleTimeoutSeconds silence after which a session is pinged (at half) and dropped
 */
public record ServerLimits(int maxLineBytes, int maxTextBytes, int maxNameCodePoints,
                           double ratePerSecond, int rateBurst, int idleTimeoutSeconds) {
}
