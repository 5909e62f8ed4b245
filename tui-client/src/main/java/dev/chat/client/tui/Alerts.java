package dev.chat.client.tui;

import com.googlecode.lanterna.terminal.ExtendedTerminal;
import com.googlecode.lanterna.terminal.Terminal;

import java.io.IOException;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Tells a user who is not looking that someone wants them: a private message or a message that
 * names them rings the terminal's bell and puts the count in the terminal's title
 * ({@code (2) chat: alice}), as irssi and WeeChat do; the next key they press clears it. GUI thread
 * only (it writes to the terminal).
 */
interface Alerts {
    Alerts NONE = new Alerts() {
        @Override
        public void ring(int unseen, String ownName) {
        }

        @Override
        public void seen(String ownName) {
        }
    };

    /** {@code unseen} messages for this user have arrived since the last key. */
    void ring(int unseen, String ownName);

    /** The user is back (pressed a key). */
    void seen(String ownName);

    /** The bell on {@code bell}, the title on {@code terminal} when it can set one (xterm, tmux). */
    static Alerts on(Terminal bell, Terminal terminal) {
        return new Alerts() {
            @Override
            public void ring(int unseen, String ownName) {
                try {
                    bell.bell();
                    title("(" + unseen + ") chat: " + ownName);
                    bell.flush();
                } catch (IOException e) {
                    // a terminal that cannot ring is no reason to stop
                }
            }

            @Override
            public void seen(String ownName) {
                try {
                    title("chat: " + ownName);
                    terminal.flush();
                } catch (IOException e) {
                    // as above
                }
            }

            private void title(String text) throws IOException {
                if (terminal instanceof ExtendedTerminal extended) {
                    extended.setTitle(Cells.clean(text));
                }
            }
        };
    }

    /**
     * True when {@code text} names {@code name} as a word, in any case ("Alice," and "@alice" count,
     * "malice" does not).
     */
    static boolean mentions(String text, String name) {
        if (name.isEmpty() || text.length() < name.length()) {
            return false;
        }
        String hay = fold(text);
        String needle = fold(name);
        for (int at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
            int end = at + needle.length();
            boolean before = at == 0 || !Character.isLetterOrDigit(hay.codePointBefore(at));
            boolean after = end == hay.length() || !Character.isLetterOrDigit(hay.codePointAt(end));
            if (before && after) {
                return true;
            }
        }
        return false;
    }

    private static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
