package dev.chat.client.cli;

import dev.chat.client.ChatClient;
import dev.chat.wire.Names;

/**
 * Carries out {@link Command}s on a {@link ChatClient} and prints their results. Holds the one piece
 * of console state, the current target. Called by one input thread; replies are printed from the
 * client's threads through the thread-safe {@link Output}.
 */
final class CommandExecutor {
    private final ChatClient client;
    private final Output out;
    private final EventFormatter format;
    private String target = Names.ALL;

    CommandExecutor(ChatClient client, Output out, EventFormatter format) {
        this.client = client;
        this.out = out;
        this.format = format;
    }

    String target() {
        return target;
    }

    /** Runs {@code command}; false when the user asked to quit. */
    boolean execute(Command command) {
        switch (command) {
            case Command.SendTo send -> send(send.target(), send.text());
            case Command.SendToCurrent send -> send(target, send.text());
            case Command.SwitchTarget switchTarget -> {
                target = switchTarget.target();
                out.println(format.target(target));
            }
            case Command.ListUsers ignored -> client.listUsers().whenComplete((users, error) ->
                    out.println(error == null ? format.users(users) : format.failure(error)));
            case Command.Help ignored -> out.println(EventFormatter.HELP);
            case Command.Invalid invalid -> out.println("! " + invalid.reason());
            case Command.Nothing ignored -> {
                // a blank line sends nothing
            }
            case Command.Quit ignored -> {
                return false;
            }
        }
        return true;
    }

    private void send(String to, String text) {
        client.send(to, text).whenComplete((sent, error) -> {
            if (error != null) {
                out.println(format.failure(error));
            }
        });
    }
}
