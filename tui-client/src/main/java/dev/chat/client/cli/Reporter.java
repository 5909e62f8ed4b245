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
 * Where a console session reports events and command results: as text lines ({@link TextReporter})
 * or as one JSON object per line ({@link JsonReporter}). Events come from the client's reader
 * thread, results from the threads that complete requests, so implementations are thread-safe and
 * never block for long.
 */
interface Reporter {
    // events the daemon sends unasked

    /** The welcome, then the history it brought (marked), then the line "— live —" when there was any. */
    void welcome(WelcomeInfo welcome);

    /** The session is encrypted: TLS with the certificate of this fingerprint (after {@link #welcome}). */
    void encrypted(String fingerprint);

    void message(Message message);

    void joined(String name);

    void left(String name, LeaveReason reason);

    /** {@code name} is away with {@code reason}, or back when {@code reason} is null. */
    void userAway(String name, String reason);

    void shutdown(String message);

    /** An error the daemon sent that no command carries (its code and message). */
    void serverError(Failure failure);

    /** The connection ended; {@code cause} null when this client closed it. */
    void disconnected(Throwable cause);

    /** Line mode lost the connection and rejoins as {@code name} after {@code retryIn}. */
    void reconnecting(Failure cause, String name, Duration retryIn);

    /** A rejoin attempt failed (said once per kind of failure); the next is in {@code retryIn}. */
    void rejoinFailed(Failure failure, Duration retryIn, boolean nameTaken);

    /** A rejoin was refused for its password: no more attempts until {@code /reconnect} or {@code /nick}. */
    void rejoinRefused(Failure failure);

    /**
     * Rejoined at {@code server} ({@code host:port}; another node than before after a failover);
     * the messages missed meanwhile follow as the welcome's history; {@code waiting} lines typed
     * meanwhile are sent now.
     */
    void reconnected(WelcomeInfo welcome, int waiting, String server);

    // command results

    void sent(Sent sent);

    void users(List<String> users);

    void files(List<FileEntry> files);


    void saved(String file, TransferProtocol protocol, DownloadResult saved);

    void target(String target);

    /** {@code /away REASON} marked this user away; {@code reason} null: {@code /away} or {@code /back} marked it back. */
    void away(String reason);

    void expected(String text, Message message);

    void slept(Duration duration);

    void help();

    /** The answer to {@code /history}: past messages, oldest first. */
    void history(List<Message> messages);

    /** {@code /register} registered the name in use. */
    void registered(String name);

    /** {@code /password} changed the password of the name in use. */
    void passwordChanged(String name);

    /** {@code command} (the line as typed) failed, or could not be understood. */
    void failure(String command, Failure failure);

    /** Could not join: the run ends. */
    void joinFailed(Failure failure);
}
