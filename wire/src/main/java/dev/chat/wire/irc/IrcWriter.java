package dev.chat.wire.irc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Serialises an {@link IrcMessage} as one line with CR LF. The last parameter is written as a
 * trailing one (after ':') when it needs it (empty, holding a space, starting with ':') and
 * whenever it is text: after other parameters, or as the one parameter of AWAY, QUIT and ERROR.
 * The grammar allows a bare last word, but simple clients (ii) read a message's text only after
 * the ':'. A message whose part besides the tags
 * would exceed 512 bytes is a bug of the caller, which must split long text first
 * ({@link IrcSplitter}): it is refused with an {@link IllegalArgumentException}, never cut.
 */
public final class IrcWriter {
    /** Commands whose one parameter is free text. */
    private static final java.util.Set<String> TEXT_COMMANDS = java.util.Set.of("AWAY", "QUIT", "ERROR");

    private IrcWriter() {
    }

    public static byte[] encode(IrcMessage message) {
        byte[] body = body(message).getBytes(StandardCharsets.UTF_8);
        if (body.length > IrcParser.MAX_BODY_BYTES) {
            throw new IllegalArgumentException("an IRC line of " + body.length + " bytes besides its tags");
        }
        String tags = tags(message.tags());
        byte[] head = tags.getBytes(StandardCharsets.UTF_8);
        byte[] line = new byte[head.length + body.length + 2];
        System.arraycopy(head, 0, line, 0, head.length);
        System.arraycopy(body, 0, line, head.length, body.length);
        line[line.length - 2] = '\r';
        line[line.length - 1] = '\n';
        return line;
    }

    /**
     * {@code message}, or when its body is over 512 bytes, the message with its last parameter cut
     * (between grapheme clusters) so that it fits: for replies that echo what a client sent, such as
     * a PONG of a long token, where the server's name and the client's nick made the line longer.
     * Chat text is split with {@link IrcSplitter} instead, never cut.
     */
    public static IrcMessage fit(IrcMessage message) {
        int over = bodyBytes(message) - IrcParser.MAX_BODY_BYTES;
        if (over <= 0 || message.params().isEmpty()) {
            return message;
        }
        List<String> params = new ArrayList<>(message.params());
        String last = params.getLast();
        int keep = dev.chat.wire.Utf8.encodedLength(last) - over - 1; // and the ':' the cut one may need
        if (keep < 4) {
            throw new IllegalArgumentException("an IRC message too long without its last parameter");
        }
        params.set(params.size() - 1, IrcSplitter.split(last, keep).getFirst());
        return new IrcMessage(message.tags(), message.source(), message.command(), params);
    }

    /** The bytes of {@code message} besides its tags and CR LF, as {@link #encode} would write them. */
    public static int bodyBytes(IrcMessage message) {
        return body(message).getBytes(StandardCharsets.UTF_8).length;
    }

    private static String tags(Map<String, String> tags) {
        if (tags.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("@");
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (out.length() > 1) {
                out.append(';');
            }
            out.append(tag.getKey());
            if (!tag.getValue().isEmpty()) {
                out.append('=').append(IrcTags.escape(tag.getValue()));
            }
        }
        return out.append(' ').toString();
    }

    private static String body(IrcMessage message) {
        StringBuilder out = new StringBuilder(64);
        if (message.source() != null) {
            out.append(':').append(message.source()).append(' ');
        }
        out.append(message.command());
        int n = message.params().size();
        for (int i = 0; i < n; i++) {
            String p = message.params().get(i);
            out.append(' ');
            if (i == n - 1 && (n > 1 || TEXT_COMMANDS.contains(message.command())
                    || p.isEmpty() || p.indexOf(' ') >= 0 || p.startsWith(":"))) {
                out.append(':');
            }
            out.append(p);
        }
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("NUL, CR or LF inside an IRC message");
            }
        }
        return out.toString();
    }
}
