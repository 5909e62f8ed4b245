package dev.chat.wire.irc;

import java.util.Optional;

/**
 * How chat names appear as IRC nicks, and back. A chat name may hold any letter (Hebrew, accented
 * Latin), '.', and marks; an IRC nick only ASCII letters, digits and {@code -[]\`^_{|}}, and may
 * not start with a digit or '-'. The mapping keeps every character a nick may hold as it is and
 * writes every other one as {@code `hex`} (its code point, lower-case hex, between backticks);
 * a backtick itself is {@code `60`}. So {@code alice} stays {@code alice}, {@code bob.s} is
 * {@code bob`2e`s}, {@code 1st} is {@code `31`st} and {@code דני} is {@code `5d3``5e0``5d9`}.
 *
 * <p>{@link #toNick} is a function (the same name, the same nick) and {@link #toName} its inverse:
 * {@code toName(toNick(n)) == n} for every string, and {@code toNick(toName(k)) == k} for every
 * {@link #isCanonical canonical} nick. Pure.
 */
public final class IrcNicks {
    private static final String SPECIAL = "-[]\\^_{|}";

    private IrcNicks() {
    }

    /** The nick IRC clients see for the chat name {@code name}. */
    public static String toNick(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        boolean first = true;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (plain(cp, first)) {
                out.append((char) cp);
            } else {
                out.append('`').append(Integer.toHexString(cp)).append('`');
            }
            first = false;
        }
        return out.toString();
    }

    /** The chat name behind {@code nick}; empty when it holds a malformed escape. Hex digits may be in either case. */
    public static Optional<String> toName(String nick) {
        StringBuilder out = new StringBuilder(nick.length());
        for (int i = 0; i < nick.length(); i++) {
            char c = nick.charAt(i);
            if (c != '`') {
                out.append(c);
                continue;
            }
            int end = nick.indexOf('`', i + 1);
            if (end < 0 || end == i + 1 || end - i - 1 > 6) {
                return Optional.empty();
            }
            int cp;
            try {
                cp = Integer.parseInt(nick.substring(i + 1, end), 16);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (!Character.isValidCodePoint(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return Optional.empty();
            }
            out.appendCodePoint(cp);
            i = end;
        }
        return Optional.of(out.toString());
    }

    /** True when {@code nick} is exactly what {@link #toNick} makes of its name (the form a NICK command must use). */
    public static boolean isCanonical(String nick) {
        return !nick.isEmpty() && toName(nick).map(IrcNicks::toNick).filter(nick::equals).isPresent();
    }

    private static boolean plain(int cp, boolean first) {
        boolean letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
        boolean digitOrDash = (cp >= '0' && cp <= '9') || cp == '-';
        return letter || (digitOrDash && !first) || (cp != '-' && SPECIAL.indexOf(cp) >= 0);
    }
}
