package dev.chat.wire;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.text.UnicodeSet;

import java.text.Normalizer;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * User names: what is valid, how a name is displayed, and the key under which two names collide.
 *
 * <p>A name is 1..32 code points of Unicode letters and digits plus {@code _ - .}; combining marks
 * (Hebrew points, Devanagari vowel signs) may follow a letter; invisible (default-ignorable) code
 * points are refused. Uniqueness is decided on {@link #key(String)}, which folds case and width and
 * maps look-alikes together, so {@code Alice}, {@code ALICE}, full-width {@code Ａｌｉｃｅ} and
 * {@code аlice} with a Cyrillic {@code а} are one name.
 *
 * <p>Cost before work: every entry point refuses input longer than {@link #MAX_INPUT_CHARS} before
 * normalising it. Canonical reordering (in the JDK's and ICU's NFC alike) is quadratic in a run of
 * combining marks: one 64 KB name of 32,000 marks cost 0.4 s of CPU before the bound.
 *
 * <p>Thread-safe: the ICU objects below are immutable once built.
 */
public final class Names {
    /** Names nobody may take, compared by {@link #key(String)}. {@code all} addresses everyone. */
    public static final Set<String> RESERVED = Set.of("all", "everyone", "*", "server", "system");

    /** The broadcast target. */
    public static final String ALL = "all";

    /**
     * Longest input, in UTF-16 units, that is normalised at all: 4 x 2 x 32 = 256. No spelling of a
     * valid name is longer: a string has at most as many code points as its NFD (decomposition
     * never shortens), NFD expands NFC at most 4 times in code points (UAX #15, section 9), and a
     * code point is at most 2 UTF-16 units. 256 units are at most 768 bytes of UTF-8.
     */
    public static final int MAX_INPUT_CHARS = 4 * 2 * Limits.MAX_NAME_CODE_POINTS;

    /** Unicode's Default_Ignorable_Code_Point: shown as nothing, so a name may not hold one. */
    private static final UnicodeSet INVISIBLE = new UnicodeSet("[:Default_Ignorable_Code_Point:]").freeze();

    /** NFKC, full case folding and removal of default-ignorables in one pass (UAX #31, UAX #15). */
    private static final Normalizer2 FOLD = Normalizer2.getNFKCCasefoldInstance();

    /** UTS #39 confusable skeletons; no checks are enabled because only the skeleton is used. */
    private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder().build();

    private static final Set<String> RESERVED_KEYS = RESERVED.stream().map(Names::key)
            .collect(Collectors.toUnmodifiableSet());

    private static final String ALL_KEY = key(ALL);

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
        requireShortInput(name);
        String display = Normalizer.normalize(name, Normalizer.Form.NFC);
        int count = display.codePointCount(0, display.length());
        if (count > Limits.MAX_NAME_CODE_POINTS) {
            throw invalid("a name has at most " + Limits.MAX_NAME_CODE_POINTS + " characters, this one has " + count);
        }
        int index = 0;
        while (index < display.length()) {
            int cp = display.codePointAt(index);
            if (INVISIBLE.contains(cp)) {
                throw invalid("a name may not hold the invisible character " + String.format("U+%04X", cp));
            }
            if (!allowed(cp, index == 0)) {
                throw invalid("a name may hold letters, digits, '_', '-' and '.', not " + describe(cp));
            }
            index += Character.charCount(cp);
        }
        if (RESERVED_KEYS.contains(key(display))) {
            throw invalid("'" + display + "' is reserved");
        }
        return display;
    }

    /**
     * The collision key: two names are the same name when their keys are equal. It is
     * {@code fold(skeleton(fold(name)))}, where fold is NFKC_Casefold (NFKC, full case folding,
     * default-ignorables removed) and skeleton is the UTS #39 confusable skeleton.
     *
     * <p>Why this order: UTS #39 skeletons are case-sensitive by design (they map {@code I} to
     * {@code l}, so {@code ALICE} and {@code alice} get different skeletons); folding first makes
     * the key case-insensitive, which one key must be. The skeleton's prototypes are sometimes
     * capitals or compatibility forms, so the result is folded again, as Ergo lower-cases its
     * skeletons. The price of one key instead of Ergo's two (a folded key and a skeleton key
     * checked separately): {@code Iris} and {@code lris} do not collide, since {@code I} is folded
     * to {@code i} before the skeleton could map it to {@code l}.
     *
     * @throws ProtocolException NAME_INVALID for input longer than {@link #MAX_INPUT_CHARS}, which no
     *                           name can match; checked before any normalisation
     */
    public static String key(String name) {
        requireShortInput(name);
        return FOLD.normalize(CONFUSABLES.getSkeleton(FOLD.normalize(name)));
    }

    /**
     * The order of names in user lists: the case fold (NFKC_Casefold), compared as Java strings. A
     * person expects {@code user2} before {@code user10}'s neighbours, not skeleton order (where
     * {@code 0} is {@code o}). Two names with one fold have one {@link #key}, so among users online
     * the sort key is unique. Call it only on a validated name.
     */
    public static String sortKey(String name) {
        return FOLD.normalize(name);
    }

    /** True when {@code target} addresses everyone (any spelling whose key is that of {@code all}). */
    public static boolean isBroadcast(String target) {
        return target.length() <= MAX_INPUT_CHARS && ALL_KEY.equals(key(target));
    }

    private static void requireShortInput(String name) {
        if (name.length() > MAX_INPUT_CHARS) {
            throw invalid("a name has at most " + Limits.MAX_NAME_CODE_POINTS + " characters; this one is "
                    + name.length() + " UTF-16 units long");
        }
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
