package dev.chat.wire.irc;

import dev.chat.wire.irc.IrcSyntaxException.Kind;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one IRC line from a client (without its CR LF) into an {@link IrcMessage}, or throws an
 * {@link IrcSyntaxException} naming the rule it broke. Pure and stateless: bytes in, a message or
 * a typed error out; the cost is linear in the line, which the limits below bound.
 *
 * <p>Limits (modern.ircdocs.horse, IRCv3 message-tags): at most {@link #MAX_BODY_BYTES} bytes
 * besides the tags, at most {@link #MAX_CLIENT_TAG_BYTES} bytes of tag data, at most
 * {@link #MAX_PARAMS} parameters. The command is returned in upper case. Runs of spaces between
 * parameters count as one, as servers accept them.
 */
public final class IrcParser {
    /** 512 bytes with CR LF. */
    public static final int MAX_BODY_BYTES = 510;
    /** Tag data a client may send, without the '@' and the space after it. */
    public static final int MAX_CLIENT_TAG_BYTES = 4094;
    public static final int MAX_PARAMS = 15;

    private IrcParser() {
    }

    public static IrcMessage parse(ByteBuffer line) {
        ByteBuffer bytes = line.duplicate();
        checkControls(bytes);
        Map<String, String> tags = Map.of();
        if (bytes.hasRemaining() && bytes.get(bytes.position()) == '@') {
            int space = indexOf(bytes, (byte) ' ');
            int end = space < 0 ? bytes.limit() : space;
            if (end - bytes.position() - 1 > MAX_CLIENT_TAG_BYTES) {
                throw new IrcSyntaxException(Kind.TAGS_TOO_LONG, "tag data over " + MAX_CLIENT_TAG_BYTES + " bytes");
            }
            tags = tags(utf8(bytes.slice(bytes.position() + 1, end - bytes.position() - 1)));
            bytes.position(end);
        }
        skipSpaces(bytes);
        if (bytes.remaining() > MAX_BODY_BYTES) {
            throw new IrcSyntaxException(Kind.TOO_LONG, "line over 512 bytes");
        }
        return body(tags, utf8(bytes));
    }

    private static IrcMessage body(Map<String, String> tags, String text) {
        int at = 0;
        String source = null;
        if (text.startsWith(":")) {
            int space = text.indexOf(' ');
            source = text.substring(1, space < 0 ? text.length() : space);
            at = space < 0 ? text.length() : space;
            at = skip(text, at);
        }
        int end = text.indexOf(' ', at);
        String command = text.substring(at, end < 0 ? text.length() : end);
        if (command.isEmpty()) {
            throw new IrcSyntaxException(Kind.EMPTY, "no command");
        }
        checkCommand(command);
        List<String> params = new ArrayList<>();
        at = end < 0 ? text.length() : end;
        while (true) {
            at = skip(text, at);
            if (at >= text.length()) {
                break;
            }
            if (params.size() == MAX_PARAMS) {
                throw new IrcSyntaxException(Kind.TOO_MANY_PARAMS, "more than " + MAX_PARAMS + " parameters");
            }
            if (text.charAt(at) == ':') {
                params.add(text.substring(at + 1));
                break;
            }
            int next = text.indexOf(' ', at);
            params.add(text.substring(at, next < 0 ? text.length() : next));
            at = next < 0 ? text.length() : next;
        }
        return new IrcMessage(tags, source, command.toUpperCase(java.util.Locale.ROOT), params);
    }

    private static void checkCommand(String command) {
        boolean letters = command.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
        boolean numeric = command.length() == 3 && command.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!letters && !numeric) {
            throw new IrcSyntaxException(Kind.BAD_COMMAND, "a command is letters or three digits");
        }
    }

    /** {@code key[=value];...}, values unescaped; a repeated key keeps its last value. */
    private static Map<String, String> tags(String data) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : data.split(";", -1)) {
            if (tag.isEmpty()) {
                continue; // "a;;b" and a trailing ';' are tolerated
            }
            int eq = tag.indexOf('=');
            String key = eq < 0 ? tag : tag.substring(0, eq);
            checkTagKey(key);
            tags.put(key, eq < 0 ? "" : IrcTags.unescape(tag.substring(eq + 1)));
        }
        return tags;
    }

    private static void checkTagKey(String key) {
        String name = key.startsWith("+") ? key.substring(1) : key;
        if (name.isEmpty()) {
            throw new IrcSyntaxException(Kind.BAD_TAG, "empty tag key");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '/' || c == '.';
            if (!ok) {
                throw new IrcSyntaxException(Kind.BAD_TAG, "invalid character in a tag key");
            }
        }
    }

    private static void checkControls(ByteBuffer bytes) {
        for (int i = bytes.position(); i < bytes.limit(); i++) {
            byte b = bytes.get(i);
            if (b == 0 || b == '\r' || b == '\n') {
                throw new IrcSyntaxException(Kind.CONTROL_CHARACTER, "NUL, CR or LF inside a line");
            }
        }
    }

    private static int indexOf(ByteBuffer bytes, byte wanted) {
        for (int i = bytes.position(); i < bytes.limit(); i++) {
            if (bytes.get(i) == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static void skipSpaces(ByteBuffer bytes) {
        while (bytes.hasRemaining() && bytes.get(bytes.position()) == ' ') {
            bytes.get();
        }
    }

    private static int skip(String text, int at) {
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
        return at;
    }

    private static String utf8(ByteBuffer bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes.duplicate())
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IrcSyntaxException(Kind.NOT_UTF8, "the line is not valid UTF-8");
        }
    }
}
