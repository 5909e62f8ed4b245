package dev.chat.client.cli;

import java.util.Objects;

/**
 * One parsed input line. Parsing ({@link CommandParser}) knows nothing about connections;
 * {@link CommandExecutor} carries commands out. Later modes (script, TUI) add their own records.
 */
sealed interface Command {
    /** {@code bob: hi} or {@code all: hi}: text for a named target. */
    record SendTo(String target, String text) implements Command {
        public SendTo {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(text, "text");
        }
    }

    /** A line without a target (or escaped with {@code //}): text for the current target. */
    record SendToCurrent(String text) implements Command {
        public SendToCurrent {
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code /to NAME}: lines without a target go to NAME from now on. */
    record SwitchTarget(String target) implements Command {
        public SwitchTarget {
            Objects.requireNonNull(target, "target");
        }
    }

    /** {@code /users}. */
    record ListUsers() implements Command {
    }

    /** {@code /help}. */
    record Help() implements Command {
    }

    /** {@code /quit}. */
    record Quit() implements Command {
    }

    /** A blank line: nothing to do. */
    record Nothing() implements Command {
    }

    /** A line that cannot be carried out, and why (shown to the user). */
    record Invalid(String reason) implements Command {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
