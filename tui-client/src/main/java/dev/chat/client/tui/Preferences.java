package dev.chat.client.tui;

import java.nio.file.Path;

/**
 * What the user chose for the full-screen client, from flags or the settings file.
 *
 * @param logDir     where each conversation is logged ({@link ChatLogs}); null: no logs
 * @param bell       private messages and mentions ring the terminal's bell
 * @param smartJoins joins and leaves of people who have not spoken lately are hidden
 * @param mouse      the terminal reports the mouse, so that the wheel scrolls the chat pane
 */
public record Preferences(Path logDir, boolean bell, boolean smartJoins, boolean mouse) {
    public static final Preferences DEFAULTS = new Preferences(null, true, true, true);
}
