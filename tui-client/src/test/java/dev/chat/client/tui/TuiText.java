package dev.chat.client.tui;

/** The full-screen client's cleaning of peer text, for the display-rule test in another package. */
public final class TuiText {
    private TuiText() {
    }

    public static String clean(String text) {
        return Cells.clean(text);
    }
}
