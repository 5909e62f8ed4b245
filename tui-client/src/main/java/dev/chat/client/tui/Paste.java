package dev.chat.client.tui;

import com.googlecode.lanterna.input.CharacterPattern;
import com.googlecode.lanterna.input.InputDecoder;
import com.googlecode.lanterna.input.KeyDecodingProfile;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.StreamBasedTerminal;

import java.io.PrintStream;
import java.util.List;

/**
 * Bracketed paste (xterm's mode 2004): the terminal wraps pasted text in {@code ESC [ 200 ~} and
 * {@code ESC [ 201 ~}, so the client can tell a paste from typing and never runs pasted lines as
 * commands. Lanterna does not know these sequences; {@link #decodeMarks} teaches its decoder to turn
 * them into {@link Mark} keys, and {@link #enable}/{@link #disable} switch the mode on the terminal.
 */
final class Paste {
    static final String ENABLE = "\u001b[?2004h";
    static final String DISABLE = "\u001b[?2004l";
    private static final String START = "\u001b[200~";
    private static final String END = "\u001b[201~";

    private Paste() {
    }

    /** A key that marks where a paste starts or ends. */
    static final class Mark extends KeyStroke {
        final boolean start;

        Mark(boolean start) {
            super(KeyType.Unknown);
            this.start = start;
        }
    }

    /** Adds the two marks to {@code terminal}'s key decoder, when it has one (real terminals do). */
    static void decodeMarks(Terminal terminal) {
        if (terminal instanceof StreamBasedTerminal stream) {
            decodeMarks(stream.getInputDecoder());
        }
    }

    /**
     * Puts the marks first: Lanterna's own escape-sequence pattern also matches {@code ESC [ 200 ~}
     * (as an unknown key), and of equal matches the decoder takes the first pattern.
     */
    static void decodeMarks(InputDecoder decoder) {
        List<CharacterPattern> existing = List.copyOf(decoder.getPatterns());
        existing.forEach(decoder::removePattern);
        decoder.addProfile(profile());
        decoder.addProfile(() -> existing);
    }

    static KeyDecodingProfile profile() {
        return () -> List.of(pattern(START, true), pattern(END, false));
    }

    private static CharacterPattern pattern(String sequence, boolean start) {
        return seq -> {
            if (seq.size() > sequence.length()) {
                return null;
            }
            for (int i = 0; i < seq.size(); i++) {
                if (seq.get(i) != sequence.charAt(i)) {
                    return null;
                }
            }
            return seq.size() == sequence.length() ? new CharacterPattern.Matching(new Mark(start))
                    : CharacterPattern.Matching.NOT_YET;
        };
    }

    /** Switches the mode on; the bytes go straight to the terminal's stream, Lanterna drops ESC. */
    static void enable(PrintStream terminalOut) {
        terminalOut.print(ENABLE);
        terminalOut.flush();
    }

    static void disable(PrintStream terminalOut) {
        terminalOut.print(DISABLE);
        terminalOut.flush();
    }
}
