package dev.chat.client.cli;

import dev.chat.client.DownloadResult;
import dev.chat.client.WelcomeInfo;
import dev.chat.wire.ChatText;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Renders chat events as the console lines of DESIGN.md ({@code [12:00:01] bob -> you: hi},
 * {@code * carol joined}, {@code ! UNKNOWN_TARGET: ...}). Pure; times in the given zone.
 */
final class EventFormatter {
    static final String HELP = String.join("\n",
            "* NAME: text             send text to NAME (all: text goes to everyone)",
            "* text                   send to the current target (all at start)",
            "* //text                 send '/text' to the current target",
            "* /msg NAME text         send text to NAME (as NAME: text)",
            "* /to NAME               change the current target (/query NAME too: one conversation here)",
            "* /me TEXT               an action to the current target, shown as '* you TEXT'",
            "* /away [REASON]         mark yourself away (everyone is told); /away alone or /back: back",
            "* /users                 list who is online, one per line",
            "* /files                 list the shared files: NAME<TAB>SIZE<TAB>SHA256",
            "* /get FILE [tcp|udp]    download a shared file (default udp)",
            "* /cancel ID             stop download ID (its number on the status line)",
            "* /expect TEXT [SECONDS] wait (default 10 s) for a message containing TEXT",
            "* /sleep MS              wait MS milliseconds",
            "* /reconnect             while the connection is down, rejoin now (line mode)",
            "* /nick NAME             while rejoining (your name taken), rejoin as NAME (line mode)",
            "* /history [N]           the last N (default 20) messages of the room and yours",
            "* /register              register your name (password asked, or --password-file / CHAT_PASSWORD)",
            "* /password              change its password (asked, or --new-password-file / CHAT_NEW_PASSWORD)",
            "* /quit                  leave (Ctrl-D too)",
            "* # comment              ignored, as are blank lines");

    private final DateTimeFormatter time;

    EventFormatter(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
    }

    /** The line between the history a join brought and what arrives live. */
    static final String LIVE = "— live —";

    /**
     * A live message shows "you" for its recipient; a past one may be one this user sent, so it
     * names both ends, and is marked {@code (history)}.
     */
    String message(Message message) {
        if (message.isAction()) {
            return action(message);
        }
        if (message.isHistory()) {
            String to = message.isBroadcast() ? "all" : clean(message.to());
            return "[" + time.format(Instant.ofEpochMilli(message.ts())) + "] (history) " + clean(message.from())
                    + " -> " + to + ": " + clean(message.text());
        }
        String to = message.isBroadcast() ? "all" : "you";
        return "[" + time.format(Instant.ofEpochMilli(message.ts())) + "] " + clean(message.from()) + " -> " + to + ": "
                + clean(message.text());
    }

    /** {@code * alice waves}, as IRC clients show a CTCP ACTION; a private one says so. */
    private String action(Message message) {
        String stamp = "[" + time.format(Instant.ofEpochMilli(message.ts())) + "] " + (message.isHistory() ? "(history) " : "");
        String to = message.isBroadcast() ? "" : message.isHistory() ? " (-> " + clean(message.to()) + ")" : " (to you)";
        return stamp + "* " + clean(message.from()) + " " + clean(message.text()) + to;
    }

    /** {@code * bob is away: lunch}, or {@code * bob is back} for a null reason. */
    static String away(String name, String reason) {
        return "* " + clean(name) + (reason == null ? " is back" : " is away: " + clean(reason));
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
                + clean(String.join(", ", welcome.users())) + (welcome.registered() ? " (registered)" : "");
    }

    String reconnecting(Failure cause, String name, Duration retryIn) {
        return "* connection lost (" + cause.code() + ": " + clean(cause.message()) + "); reconnecting as "
                + clean(name) + " in " + retryIn.toSeconds() + " s; lines you send wait, /reconnect tries now";
    }

    String rejoinFailed(Failure failure, boolean nameTaken) {
        return nameTaken
                ? "! " + failure.code() + ": " + clean(failure.message()) + "; still trying, /nick NAME rejoins under another name"
                : "* rejoin failed (" + failure.code() + ": " + clean(failure.message()) + "); still trying";
    }

    String rejoinRefused(Failure failure) {
        return "! " + failure.code() + ": " + clean(failure.message()) + "; not retrying (each try counts against the"
                + " login throttle): /reconnect tries again";
    }

    String reconnected(WelcomeInfo welcome, int waiting, String server) {
        return "* reconnected to " + clean(server) + ": " + welcome(welcome).substring(2)
                + (waiting > 0 ? "; sending " + waiting + " waiting line" + (waiting == 1 ? "" : "s") : "");
    }

    String users(List<String> users) {
        return "* users (" + users.size() + "): " + clean(String.join(", ", users));
    }

    /** {@code NAME<TAB>SIZE<TAB>SHA256}; a hash the daemon is still computing shows as {@code -}. */
    String file(FileEntry file) {
        return clean(file.name()).replace('\t', ' ') + "\t" + file.size() + "\t"
                + (file.sha256() == null ? "-" : clean(file.sha256()));
    }

    /** {@code saved PATH BYTES SHA256}. */
    String saved(DownloadResult saved) {
        return "saved " + clean(saved.file().toString()) + " " + saved.bytes() + " " + clean(saved.sha256());
    }

    String target(String target) {
        return "* now talking to " + clean(target);
    }

    String disconnected(Throwable cause) {
        return cause == null ? "* bye" : "* disconnected: " + failure(cause).substring(2);
    }

    /** {@code ! CODE: message} for any failure a request or the connection may end with. */
    String failure(Throwable error) {
        return failure(Failure.of(error));
    }

    String failure(Failure failure) {
        return "! " + failure.code() + ": " + clean(failure.message());
    }

    /** What the daemon relays is shown, never obeyed: the one display rule of {@link ChatText#forDisplay}. */
    static String clean(String text) {
        return ChatText.forDisplay(text);
    }
}
