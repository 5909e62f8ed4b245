package dev.chat.client.cli;

import dev.chat.client.DownloadResult;
import dev.chat.client.TransferProtocol;
import dev.chat.client.WelcomeInfo;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Sent;

import java.time.Duration;
import java.util.List;

/**
 * Reports as the console lines of the README. Failures go to {@code err}: standard error in script
 * mode, above the prompt in line mode. Results that a person needs no confirmation of
 * ({@code sent}, {@code /sleep}, a met {@code /expect}) print nothing.
 */
final class TextReporter implements Reporter {
    private final Output out;
    private final Output err;
    private final EventFormatter format;

    TextReporter(Output out, Output err, EventFormatter format) {
        this.out = out;
        this.err = err;
        this.format = format;
    }

    @Override
    public void welcome(WelcomeInfo welcome) {
        out.println(format.welcome(welcome));
        welcome.history().forEach(m -> out.println(format.message(m)));
        if (!welcome.history().isEmpty()) {
            out.println(EventFormatter.LIVE);
        }
    }

    @Override
    public void history(List<Message> messages) {
        if (messages.isEmpty()) {
            out.println("* no history");
        }
        messages.forEach(m -> out.println(format.message(m.asHistory())));
    }

    @Override
    public void registered(String name) {
        out.println("* registered " + EventFormatter.clean(name) + ": joining as " + EventFormatter.clean(name)
                + " now needs the password");
    }

    @Override
    public void passwordChanged(String name) {
        out.println("* password of " + EventFormatter.clean(name) + " changed");
    }

    @Override
    public void encrypted(String fingerprint) {
        out.println("* encrypted (TLS), server certificate " + fingerprint);
    }

    @Override
    public void message(Message message) {
        out.println(format.message(message));
    }

    @Override
    public void joined(String name) {
        out.println(format.joined(name));
    }

    @Override
    public void userAway(String name, String reason) {
        out.println(EventFormatter.away(name, reason));
    }

    @Override
    public void away(String reason) {
        out.println(reason == null ? "* you are back" : "* you are away: " + EventFormatter.clean(reason));
    }

    @Override
    public void left(String name, LeaveReason reason) {
        out.println(format.left(name, reason));
    }

    @Override
    public void shutdown(String message) {
        out.println(format.shutdown(message));
    }

    @Override
    public void serverError(Failure failure) {
        err.println(format.failure(failure));
    }

    @Override
    public void disconnected(Throwable cause) {
        (cause == null ? out : err).println(format.disconnected(cause));
    }

    @Override
    public void reconnecting(Failure cause, String name, Duration retryIn) {
        out.println(format.reconnecting(cause, name, retryIn));
    }

    @Override
    public void rejoinFailed(Failure failure, Duration retryIn, boolean nameTaken) {
        (nameTaken ? err : out).println(format.rejoinFailed(failure, nameTaken));
    }

    @Override
    public void rejoinRefused(Failure failure) {
        err.println(format.rejoinRefused(failure));
    }

    @Override
    public void reconnected(WelcomeInfo welcome, int waiting, String server) {
        out.println(format.reconnected(welcome, waiting, server));
        welcome.history().forEach(m -> out.println(format.message(m)));
        if (!welcome.history().isEmpty()) {
            out.println(EventFormatter.LIVE);
        }
    }

    @Override
    public void sent(Sent sent) {
        // the sender saw what it typed; only an away recipient is worth a line
        if (sent.isStored()) {
            out.println("* " + EventFormatter.clean(sent.to()) + " is away: stored, delivered when they are back");
        }
    }

    @Override
    public void users(List<String> users) {
        users.forEach(user -> out.println(EventFormatter.clean(user)));
    }

    @Override
    public void files(List<FileEntry> files) {
        files.forEach(file -> out.println(format.file(file)));
    }


    @Override
    public void saved(String file, TransferProtocol protocol, DownloadResult saved) {
        out.println(format.saved(saved));
    }

    @Override
    public void target(String target) {
        out.println(format.target(target));
    }

    @Override
    public void expected(String text, Message message) {
        // met: the script goes on
    }

    @Override
    public void slept(Duration duration) {
        // nothing to say
    }

    @Override
    public void help() {
        out.println(EventFormatter.HELP);
    }

    @Override
    public void failure(String command, Failure failure) {
        err.println(format.failure(failure));
    }

    @Override
    public void joinFailed(Failure failure) {
        err.println(format.failure(failure));
    }
}
