package dev.chat.client.tui;

import com.googlecode.lanterna.TextColor;
import dev.chat.wire.Names;

import java.nio.charset.StandardCharsets;

/**
 * A colour per nick that is the same in every session and on every machine: FNV-1a over the
 * name's collision key (so {@code Bob} and {@code bob} match), into a palette readable on dark and
 * light backgrounds. Red is left out: it is the error colour.
 */
final class NickColors {
    static final TextColor[] PALETTE = {
            TextColor.ANSI.GREEN, TextColor.ANSI.YELLOW, TextColor.ANSI.BLUE_BRIGHT, TextColor.ANSI.MAGENTA,
            TextColor.ANSI.CYAN, TextColor.ANSI.GREEN_BRIGHT, TextColor.ANSI.YELLOW_BRIGHT,
            TextColor.ANSI.MAGENTA_BRIGHT, TextColor.ANSI.CYAN_BRIGHT, TextColor.ANSI.BLUE,
    };

    private NickColors() {
    }

    static TextColor of(String nick) {
        return PALETTE[index(nick)];
    }

    static int index(String nick) {
        int hash = 0x811c9dc5;
        for (byte b : key(nick).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return Math.floorMod(hash, PALETTE.length);
    }

    private static String key(String nick) {
        try {
            return Names.key(nick);
        } catch (RuntimeException e) {
            return nick;
        }
    }
}
