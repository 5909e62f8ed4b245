package dev.chat.client.tui;

import dev.chat.client.TransferProtocol;

import java.util.Objects;

/**
 * One line typed into the input line, parsed. The chat commands mirror the line mode's
 * ({@code bob: hi}, {@code /to}, {@code /users}, {@code /files}, {@code /get}, {@code /help},
 * {@code /quit}); {@code /cancel} and {@code /clear} exist only here.
 */
sealed interface TuiCommand {
    record SendTo(String target, String text) implements TuiCommand {
        public SendTo {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(text, "text");
        }
    }

    record SendToCurrent(String text) implements TuiCommand {
        public SendToCurrent {
            Objects.requireNonNull(text, "text");
        }
    }

    record SwitchTarget(String target) implements TuiCommand {
        public SwitchTarget {
            Objects.requireNonNull(target, "target");
        }
    }

    record ListUsers() implements TuiCommand {
    }

    /** {@code /files}: opens the file picker. */
    record ListFiles() implements TuiCommand {
    }

    record Get(String file, TransferProtocol protocol) implements TuiCommand {
        public Get {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(protocol, "protocol");
        }
    }

    /** {@code /cancel ID}: stops the transfer with that row number. */
    record Cancel(int id) implements TuiCommand {
    }

    /** {@code /clear}: empties the chat pane. */
    record Clear() implements TuiCommand {
    }

    record Help() implements TuiCommand {
    }

    record Quit() implements TuiCommand {
    }

    record Nothing() implements TuiCommand {
    }

    record Invalid(String reason) implements TuiCommand {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
