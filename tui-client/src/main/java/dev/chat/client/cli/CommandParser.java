package dev.chat.client.cli;

import dev.chat.wire.Names;
import dev.chat.wire.ProtocolException;

/**
 * Parses one line the user typed into a {@link Command}. Pure: no I/O, no state.
 *
 * <ul>
 *   <li>{@code /to NAME}, {@code /users}, {@code /help}, {@code /quit}: commands;</li>
 *   <li>{@code //text}: the text {@code /text} for the current target;</li>
 *   <li>{@code NAME: text}: text for NAME ({@code all} is everyone), when NAME is a valid name;</li>
 *   <li>anything else: text for the current target.</li>
 * </ul>
 */
final class CommandParser {
    private CommandParser() {
    }

    static Command parse(String line) {
        if (line.isBlank()) {
            return new Command.Nothing();
        }
        if (line.startsWith("//")) {
            return new Command.SendToCurrent(line.substring(1));
        }
        if (line.startsWith("/")) {
            return slashCommand(line.strip());
        }
        int colon = line.indexOf(':');
        if (colon > 0) {
            String target = line.substring(0, colon);
            if (isTarget(target)) {
                return new Command.SendTo(target, line.substring(colon + 1).stripLeading());
            }
        }
        return new Command.SendToCurrent(line);
    }

    private static Command slashCommand(String line) {
        String[] words = line.split("\\s+");
        String name = words[0].substring(1);
        return switch (name) {
            case "to" -> words.length == 2 && isTarget(words[1])
                    ? new Command.SwitchTarget(words[1])
                    : new Command.Invalid(words.length == 2 ? "'" + words[1] + "' is not a valid name" : "usage: /to NAME");
            case "users" -> words.length == 1 ? new Command.ListUsers() : new Command.Invalid("usage: /users");
            case "quit" -> words.length == 1 ? new Command.Quit() : new Command.Invalid("usage: /quit");
            case "help" -> new Command.Help();
            default -> new Command.Invalid("unknown command /" + name + " (try /help)");
        };
    }

    /** True for {@code all} and for anything that could be a user's name. */
    private static boolean isTarget(String word) {
        if (Names.isBroadcast(word)) {
            return true;
        }
        try {
            Names.validate(word);
            return true;
        } catch (ProtocolException e) {
            return false;
        }
    }
}
