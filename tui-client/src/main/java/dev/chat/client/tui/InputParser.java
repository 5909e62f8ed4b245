package dev.chat.client.tui;

import dev.chat.client.TransferProtocol;
import dev.chat.wire.Names;
import dev.chat.wire.ProtocolException;

import java.util.List;

/**
 * Parses an input line into a {@link TuiCommand}. Pure. The syntax is the line mode's
 * (cli.CommandParser, package-private there): {@code NAME: text}, {@code //text} for a literal
 * slash, anything else to the current target; plus the TUI's own {@code /cancel ID} and {@code /clear}.
 */
final class InputParser {
    /** Every command, for completion and help. */
    static final List<String> COMMANDS = List.of(
            "/to", "/users", "/files", "/get", "/cancel", "/clear", "/help", "/quit");

    private InputParser() {
    }

    static TuiCommand parse(String line) {
        if (line.isBlank()) {
            return new TuiCommand.Nothing();
        }
        if (line.startsWith("//")) {
            return new TuiCommand.SendToCurrent(line.substring(1));
        }
        if (line.startsWith("/")) {
            return slashCommand(line.strip());
        }
        int colon = line.indexOf(':');
        if (colon > 0) {
            String target = line.substring(0, colon);
            if (isTarget(target)) {
                return new TuiCommand.SendTo(target, line.substring(colon + 1).stripLeading());
            }
        }
        return new TuiCommand.SendToCurrent(line);
    }

    private static TuiCommand slashCommand(String line) {
        String[] words = line.split("\\s+");
        String name = words[0].substring(1);
        return switch (name) {
            case "to" -> words.length == 2 && isTarget(words[1]) ? new TuiCommand.SwitchTarget(words[1])
                    : invalid(words.length == 2 ? "'" + words[1] + "' is not a valid name" : "usage: /to NAME");
            case "users" -> words.length == 1 ? new TuiCommand.ListUsers() : invalid("usage: /users");
            case "files" -> words.length == 1 ? new TuiCommand.ListFiles() : invalid("usage: /files");
            case "get" -> get(words);
            case "cancel" -> cancel(words);
            case "clear" -> words.length == 1 ? new TuiCommand.Clear() : invalid("usage: /clear");
            case "help" -> new TuiCommand.Help();
            case "quit" -> words.length == 1 ? new TuiCommand.Quit() : invalid("usage: /quit");
            default -> invalid("unknown command /" + name + " (try /help)");
        };
    }

    private static TuiCommand get(String[] words) {
        if (words.length == 2) {
            return new TuiCommand.Get(words[1], TransferProtocol.DEFAULT);
        }
        if (words.length == 3) {
            return TransferProtocol.parse(words[2]).<TuiCommand>map(p -> new TuiCommand.Get(words[1], p))
                    .orElseGet(() -> invalid("protocol must be tcp or udp, not '" + words[2] + "'"));
        }
        return invalid("usage: /get FILE [tcp|udp]");
    }

    private static TuiCommand cancel(String[] words) {
        if (words.length == 2 && words[1].matches("[0-9]{1,6}")) {
            return new TuiCommand.Cancel(Integer.parseInt(words[1]));
        }
        return invalid("usage: /cancel ID (the number in the transfers pane)");
    }

    private static TuiCommand invalid(String reason) {
        return new TuiCommand.Invalid(reason);
    }

    /** True for {@code all} and for anything that could be a user's name. */
    static boolean isTarget(String word) {
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
