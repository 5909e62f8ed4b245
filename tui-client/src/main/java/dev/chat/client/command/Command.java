package dev.chat.client.command;

import dev.chat.client.TransferProtocol;

import java.time.Duration;
import java.util.Objects;

/**
 * One parsed input line, the same in script mode, line mode and the full-screen client's input
 * line. Parsing ({@link CommandParser}) knows nothing about connections; each mode carries the
 * commands out its own way (the CLI's CommandExecutor, the TUI's Controller) and says plainly when
 * a command is not for it ({@code /expect} in the TUI, {@code /cancel} in a script).
 */
public sealed interface Command {
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

    /** {@code /me TEXT}: an action ({@code * alice waves}) for the current target. */
    record Action(String text) implements Command {
        public Action {
            Objects.requireNonNull(text, "text");
            if (text.isBlank()) {
                throw new IllegalArgumentException("the action is blank");
            }
        }
    }

    /** {@code /away REASON} marks this user away; {@code /away} alone or {@code /back}: back ({@code reason} null). */
    record Away(String reason) implements Command {
        public Away {
            if (reason != null && reason.isBlank()) {
                throw new IllegalArgumentException("a blank reason means back: pass null");
            }
        }

        public boolean back() {
            return reason == null;
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

    /** {@code /files}. */
    record ListFiles() implements Command {
    }

    /** {@code /get FILE [tcp|udp]}. */
    record Get(String file, TransferProtocol protocol) implements Command {
        public Get {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(protocol, "protocol");
            if (file.isBlank()) {
                throw new IllegalArgumentException("the file name is blank");
            }
        }
    }

    /** {@code /expect TEXT [SECONDS]}: wait until a message containing {@code text} has arrived. */
    record Expect(String text, Duration timeout) implements Command {
        public Expect {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(timeout, "timeout");
            if (text.isEmpty() || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("empty text or non-positive timeout");
            }
        }
    }

    /** {@code /sleep MS}. */
    record Sleep(Duration duration) implements Command {
        public Sleep {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("negative sleep");
            }
        }
    }

    /** {@code /cancel ID}: stop the transfer with that number (full-screen client). */
    record Cancel(int id) implements Command {
    }

    /** {@code /clear}: empty the chat pane (full-screen client). */
    record Clear() implements Command {
    }

    /** {@code /clear transfers}: drop the finished rows of the transfers pane (full-screen client). */
    record ClearTransfers() implements Command {
    }

    /**
     * {@code /joins all} shows every join and leave line; {@code /joins smart} (the default) hides
     * those of people who have not spoken lately (full-screen client).
     */
    record JoinLines(boolean all) implements Command {
    }

    /** {@code /reconnect}: while the connection is down, try to rejoin now instead of after the wait. */
    record Reconnect() implements Command {
    }

    /**
     * {@code /nick NAME}: rejoin under NAME. The daemon cannot rename a session, so this is for a
     * rejoin refused with {@code NAME_TAKEN}: the client tries the new name at once.
     */
    record Nick(String name) implements Command {
        public Nick {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * {@code /query NAME}: the full-screen client opens (or shows) the private buffer with NAME;
     * line mode, which has one conversation, makes NAME the current target as {@code /to} does.
     */
    record Query(String name) implements Command {
        public Query {
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code /close}: closes the private buffer shown (full-screen client only). */
    record Close() implements Command {
    }

    /** {@code /search TEXT}: finds TEXT in the buffer shown, newest match first (full-screen client only). */
    record Search(String text) implements Command {
        public Search {
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code /bell on|off}: whether private messages and mentions ring (full-screen client only). */
    record Bell(boolean on) implements Command {
    }

    /** {@code /history [N]}: the last N (default 20) past messages. */
    record History(int count) implements Command {
        public History {
            if (count < 1 || count > dev.chat.wire.Limits.MAX_HISTORY) {
                throw new IllegalArgumentException("history count out of range: " + count);
            }
        }
    }

    /** {@code /register}: register the name in use (the password is asked for, or read from the flag or variable). */
    record Register() implements Command {
    }

    /** {@code /password}: change the registered name's password (both are asked for, or read from the flag or variables). */
    record ChangePassword() implements Command {
    }

    /** {@code /help}. */
    record Help() implements Command {
    }

    /** {@code /quit}. */
    record Quit() implements Command {
    }

    /** A blank line or a {@code #} comment: nothing to do. */
    record Nothing() implements Command {
    }

    /** A line that cannot be carried out (unknown command, bad arguments), and why. */
    record Invalid(String reason) implements Command {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
