package dev.chat.client.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;

/**
 * One grapheme cluster in one screen cell (two when wide), with the width of {@link Cells#clusterWidth}.
 *
 * <p>Lanterna 3.1.3 stores a cluster as a string but guesses its width itself: every string of
 * more than one {@code char} is "double width" (so a non-BMP letter or a letter with a mark takes
 * two cells) and a single {@code char} only when it is in a CJK block (so {@code ⚡} takes one).
 * Layout would then measure one width and the screen buffer lay out another. This subclass makes
 * the buffer use the one table. Plain ASCII stays a stock {@link TextCharacter}.
 */
final class Glyph extends TextCharacter {
    private static final char PLACEHOLDER = '\uFFFC'; // what Lanterna's own field holds; never shown

    private final String cluster;
    private final boolean wide;

    @SuppressWarnings("deprecation") // the only public constructor that takes colours and a set of SGRs
    private Glyph(String cluster, boolean wide, TextColor fg, TextColor bg, EnumSet<SGR> sgr) {
        super(PLACEHOLDER, fg, bg, sgr);
        this.cluster = cluster;
        this.wide = wide;
    }

    /** The cell for {@code cluster} (one grapheme cluster of cleaned text). */
    static TextCharacter of(String cluster, TextColor fg, TextColor bg, SGR... sgr) {
        if (cluster.length() == 1 && cluster.charAt(0) >= 0x20 && cluster.charAt(0) < 0x7F) {
            return TextCharacter.fromCharacter(cluster.charAt(0), fg, bg, sgr)[0];
        }
        return new Glyph(cluster, Cells.clusterWidth(cluster) == 2, fg, bg, set(Arrays.asList(sgr)));
    }

    private static EnumSet<SGR> set(Collection<SGR> sgr) {
        return sgr.isEmpty() ? EnumSet.noneOf(SGR.class) : EnumSet.copyOf(sgr);
    }

    @Override
    public String getCharacterString() {
        return cluster;
    }

    @Override
    @Deprecated
    public char getCharacter() {
        return cluster.charAt(0);
    }

    @Override
    public boolean is(char c) {
        return cluster.length() == 1 && cluster.charAt(0) == c;
    }

    @Override
    public boolean isDoubleWidth() {
        return wide;
    }

    /** Lanterna asks for this to blank the padding cell of a wide glyph: a stock character. */
    @Override
    @SuppressWarnings("deprecation")
    public TextCharacter withCharacter(char c) {
        return new TextCharacter(c, getForegroundColor(), getBackgroundColor(), getModifiers());
    }

    @Override
    public TextCharacter withForegroundColor(TextColor color) {
        return new Glyph(cluster, wide, color, getBackgroundColor(), getModifiers());
    }

    @Override
    public TextCharacter withBackgroundColor(TextColor color) {
        return new Glyph(cluster, wide, getForegroundColor(), color, getModifiers());
    }

    @Override
    public TextCharacter withModifiers(Collection<SGR> modifiers) {
        return new Glyph(cluster, wide, getForegroundColor(), getBackgroundColor(), set(modifiers));
    }

    @Override
    public TextCharacter withModifier(SGR modifier) {
        EnumSet<SGR> more = getModifiers();
        more.add(modifier);
        return new Glyph(cluster, wide, getForegroundColor(), getBackgroundColor(), more);
    }

    @Override
    public TextCharacter withoutModifier(SGR modifier) {
        EnumSet<SGR> fewer = getModifiers();
        fewer.remove(modifier);
        return new Glyph(cluster, wide, getForegroundColor(), getBackgroundColor(), fewer);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Glyph g && super.equals(g) && cluster.equals(g.cluster);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), cluster);
    }

    @Override
    public String toString() {
        return "Glyph{" + cluster + (wide ? ", wide" : "") + "}";
    }
}
