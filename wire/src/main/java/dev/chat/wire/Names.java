package dev.chat.wire;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * User names: what is valid, how a name is displayed, and the key under which two names collide.
 *
 * <p>A name is 1..32 code points of Unicode letters and digits plus {@code _ - .}; combining marks
 * (Hebrew points, Devanagari vowel signs) may follow a letter. Uniqueness is decided on
 * {@link #key(String)}: NFKC, then case-folded, so {@code Alice}, {@code ALICE} and full-width
 * {@code Ａｌｉｃｅ} are one name.
 */
public final class Names {
    /** Names nobody may take, compared by {@link #key(String)}. {@code all} addresses everyone. */
    public static final Set<String> RESERVED = Set.of("all", "everyone", "*", "server", "system");

    /** The broadcast target. */
    public static final String ALL = "all";

    private Names() {
    }

    /**
     * Checks {@code name} and returns its display form (NFC, so canonically equal spellings show
     * alike). Throws {@link ProtocolException} with {@link ErrorCode#NAME_INVALID} saying why not.
     */
    public static String validate(String name) {
        if (name == null || name.isEmpty()) {
            throw invalid("a name cannot be empty");
        }
        String display = Normalizer.normalize(name, Normalizer.Form.NFC);
        int count = display.codePointCount(0, display.length());
        if (count > Limits.MAX_NAME_CODE_POINTS) {
            throw invalid("a name has at most " + Limits.MAX_NAME_CODE_POINTS + " characters, this one has " + count);
        }
        int index = 0;
        while (index < display.length()) {
            int cp = display.codePointAt(index);
            if (!allowed(cp, index == 0)) {
                throw invalid("a name may hold letters, digits, '_', '-' and '.', not " + describe(cp));
            }
            index += Character.charCount(cp);
        }
        if (RESERVED.contains(key(display))) {
            throw invalid("'" + display + "' is reserved");
        }
        return display;
    }

    /** The collision key: NFKC, case-folded, NFKC again (folding can denormalise). */
    public static String key(String name) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }

    /** True when {@code target} addresses everyone. */
    public static boolean isBroadcast(String target) {
        return ALL.equals(key(target));
    }

    private static boolean allowed(int cp, boolean first) {
        if (Character.isLetterOrDigit(cp) || cp == '_' || cp == '-' || cp == '.') {
            return true;
        }
        int type = Character.getType(cp);
        boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
        return mark && !first;
    }

    private static String describe(int cp) {
        if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                || Character.isWhitespace(cp)) {
            return String.format("U+%04X", cp);
        }
        return "'" + new String(Character.toChars(cp)) + "'";
    }

    private static ProtocolException invalid(String why) {
        return new ProtocolException(ErrorCode.NAME_INVALID, why);
    }
}
