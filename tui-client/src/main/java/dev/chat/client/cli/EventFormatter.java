package dev.chat.client.cli;

import dev.chat.client.ChatException;
import dev.chat.client.DisconnectedException;
import dev.chat.client.JoinException;
import dev.chat.client.WelcomeInfo;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Renders chat events as the console lines of DESIGN.md ({@code [12:00:01] bob -> you: hi},
 * {@code * carol joined}, {@code ! UNKNOWN_TARGET: ...}). Pure; times in the given zone.
 */
final class EventFormatter {
    static final String HELP = String.join("\n",
            "* NAME: text    send text to NAME (all: text goes to everyone)",
            "* text          send to the current target (all at start)",
            "* //text        send '/text' to the current target",
            "* /to NAME      change the current target",
            "* /users        list who is online",
            "* /quit         leave");

    private final DateTimeFormatter time;

    EventFormatter(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
    }

    String message(Message message) {
        String to = message.isBroadcast() ? "all" : "you";
        return "[" + time.format(Instant.ofEpochMilli(message.ts())) + "] " + clean(message.from()) + " -> " + to + ": "
                + clean(message.text());
    }

    String joined(String name) {
        return "* " + clean(name) + " joined";
    }

    String left(String name, LeaveReason reason) {
        return "* " + clean(name) + " left (" + reason.text() + ")";
    }

    String shutdown(String message) {
        return "* server shutting down: " + clean(message);
    }

    String welcome(WelcomeInfo welcome) {
        int count = welcome.users().size();
        return "* welcome " + clean(welcome.name()) + ", " + count + (count == 1 ? " user" : " users") + " online: "
                + clean(String.join(", ", welcome.users()));
    }

    String users(List<String> users) {
        return "* users (" + users.size() + "): " + clean(String.join(", ", users));
    }

    String target(String target) {
        return "* now talking to " + clean(target);
    }

    String disconnected(Throwable cause) {
        return cause == null ? "* bye" : "* disconnected: " + failure(cause).substring(2);
    }

    String joinFailure(JoinException e) {
        return e.code().map(code -> "! " + code + ": " + clean(e.getMessage()))
                .orElseGet(() -> "! " + e.kind() + ": " + clean(e.getMessage()));
    }

    /** {@code ! CODE: message} for any failure a request or the connection may end with. */
    String failure(Throwable error) {
        Throwable e = unwrap(error);
        return switch (e) {
            case ChatException chat -> "! " + chat.code() + ": " + clean(chat.getMessage());
            case DisconnectedException gone -> "! DISCONNECTED: " + clean(gone.getMessage());
            case TimeoutException timeout -> "! TIMEOUT: no reply from the server in time";
            default -> "! " + e.getClass().getSimpleName() + ": " + clean(String.valueOf(e.getMessage()));
        };
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** What the daemon relays is shown, never obeyed: control characters become '?'. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp != '\t' && Character.isISOControl(cp)) {
                out.append('?');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
