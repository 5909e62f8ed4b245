package dev.chat.client.cli;

import dev.chat.client.DownloadResult;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.chat.client.TransferProtocol;
import dev.chat.client.WelcomeInfo;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Sent;

import java.time.Duration;
import java.util.List;

/**
 * Reports as one JSON object per line, for programs that drive {@code chat --json}; the schema is
 * in CLI.md. The first member says what the object is: {@code "event"} (sent by the daemon unasked),
 * {@code "result"} (a command succeeded) or {@code "error"} (a code; with {@code "command"} when a
 * command failed). Strings are written as received (no HTML escaping, non-ASCII as is); the JSON
 * string escapes make control characters harmless. Failures are also written as text to
 * {@code err} so that a person watching standard error sees them.
 */
final class JsonReporter implements Reporter {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private final Output out;
    private final Output err;
    private final EventFormatter format;

    JsonReporter(Output out, Output err, EventFormatter format) {
        this.out = out;
        this.err = err;
        this.format = format;
    }

    @Override
    public void welcome(WelcomeInfo welcome) {
        JsonObject json = event("welcome");
        json.addProperty("name", welcome.name());
        json.add("users", strings(welcome.users()));
        json.addProperty("server", welcome.server());
        json.addProperty("registered", welcome.registered());
        json.addProperty("history", welcome.history().size());
        if (!welcome.away().isEmpty()) {
            JsonObject away = new JsonObject();
            welcome.away().forEach(away::addProperty);
            json.add("away", away);
        }
        print(json);
        welcome.history().forEach(this::message);
        if (!welcome.history().isEmpty()) {
            print(event("live"));
        }
    }

    @Override
    public void history(List<Message> messages) {
        JsonObject json = result("history");
        JsonArray array = new JsonArray();
        for (Message m : messages) {
            JsonObject entry = new JsonObject();
            addMessage(entry, m.asHistory());
            array.add(entry);
        }
        json.add("messages", array);
        print(json);
    }

    @Override
    public void registered(String name) {
        JsonObject json = result("registered");
        json.addProperty("name", name);
        print(json);
    }

    @Override
    public void passwordChanged(String name) {
        JsonObject json = result("password_changed");
        json.addProperty("name", name);
        print(json);
    }

    @Override
    public void encrypted(String fingerprint) {
        JsonObject json = event("tls");
        json.addProperty("fingerprint", fingerprint);
        print(json);
    }

    @Override
    public void message(Message message) {
        JsonObject json = event("message");
        addMessage(json, message);
        print(json);
    }

    @Override
    public void joined(String name) {
        JsonObject json = event("joined");
        json.addProperty("name", name);
        print(json);
    }

    /** {@code {"event":"user_away","name":"bob","reason":"lunch"}}; without {@code reason}: back. */
    @Override
    public void userAway(String name, String reason) {
        JsonObject json = event("user_away");
        json.addProperty("name", name);
        if (reason != null) {
            json.addProperty("reason", reason);
        }
        print(json);
    }

    @Override
    public void away(String reason) {
        JsonObject json = result("away");
        if (reason != null) {
            json.addProperty("reason", reason);
        }
        print(json);
    }

    @Override
    public void left(String name, LeaveReason reason) {
        JsonObject json = event("left");
        json.addProperty("name", name);
        json.addProperty("reason", reason.text());
        print(json);
    }

    @Override
    public void shutdown(String message) {
        JsonObject json = event("shutdown");
        json.addProperty("message", message);
        print(json);
    }

    @Override
    public void serverError(Failure failure) {
        print(error(failure, null));
        err.println(format.failure(failure));
    }

    @Override
    public void disconnected(Throwable cause) {
        if (cause == null) {
            return;
        }
        Failure failure = Failure.of(cause);
        JsonObject json = event("disconnected");
        json.addProperty("code", failure.code());
        json.addProperty("message", failure.message());
        print(json);
        err.println(format.disconnected(cause));
    }

    @Override
    public void reconnecting(Failure cause, String name, Duration retryIn) {
        JsonObject json = event("reconnecting");
        json.addProperty("code", cause.code());
        json.addProperty("message", cause.message());
        json.addProperty("name", name);
        json.addProperty("retry_ms", retryIn.toMillis());
        print(json);
    }

    @Override
    public void rejoinFailed(Failure failure, Duration retryIn, boolean nameTaken) {
        JsonObject json = event("rejoin_failed");
        json.addProperty("code", failure.code());
        json.addProperty("message", failure.message());
        json.addProperty("retry_ms", retryIn.toMillis());
        print(json);
        err.println(format.rejoinFailed(failure, nameTaken));
    }

    @Override
    public void rejoinRefused(Failure failure) {
        JsonObject json = event("rejoin_refused");
        json.addProperty("code", failure.code());
        json.addProperty("message", failure.message());
        print(json);
        err.println(format.rejoinRefused(failure));
    }

    @Override
    public void reconnected(WelcomeInfo welcome, int waiting, String server) {
        JsonObject json = event("reconnected");
        json.addProperty("name", welcome.name());
        json.add("users", strings(welcome.users()));
        json.addProperty("waiting", waiting);
        json.addProperty("address", server);
        json.addProperty("history", welcome.history().size());
        print(json);
        welcome.history().forEach(this::message);
        if (!welcome.history().isEmpty()) {
            print(event("live"));
        }
    }

    @Override
    public void sent(Sent sent) {
        JsonObject json = result("sent");
        json.addProperty("to", sent.to());
        json.addProperty("recipients", sent.recipients());
        json.addProperty("ts", sent.ts());
        if (sent.id() != null) {
            json.addProperty("id", sent.id());
        }
        if (sent.isStored()) {
            json.addProperty("stored", true);
        }
        print(json);
    }

    @Override
    public void users(List<String> users) {
        JsonObject json = result("users");
        json.add("users", strings(users));
        print(json);
    }

    @Override
    public void files(List<FileEntry> files) {
        JsonArray array = new JsonArray();
        for (FileEntry file : files) {
            JsonObject entry = new JsonObject();
            entry.addProperty("name", file.name());
            entry.addProperty("size", file.size());
            entry.addProperty("sha256", file.sha256());
            array.add(entry);
        }
        JsonObject json = result("files");
        json.add("files", array);
        print(json);
    }

    @Override
    public void saved(String file, TransferProtocol protocol, DownloadResult saved) {
        JsonObject json = result("saved");
        json.addProperty("file", file);
        json.addProperty("protocol", protocol.wireName());
        json.addProperty("path", saved.file().toString());
        json.addProperty("bytes", saved.bytes());
        json.addProperty("sha256", saved.sha256());
        print(json);
    }

    @Override
    public void target(String target) {
        JsonObject json = result("target");
        json.addProperty("target", target);
        print(json);
    }

    @Override
    public void expected(String text, Message message) {
        JsonObject json = result("expect");
        json.addProperty("text", text);
        JsonObject found = new JsonObject();
        addMessage(found, message);
        json.add("message", found);
        print(json);
    }

    @Override
    public void slept(Duration duration) {
        JsonObject json = result("sleep");
        json.addProperty("ms", duration.toMillis());
        print(json);
    }

    @Override
    public void help() {
        JsonObject json = result("help");
        json.addProperty("text", EventFormatter.HELP);
        print(json);
    }

    @Override
    public void failure(String command, Failure failure) {
        print(error(failure, command));
        err.println(format.failure(failure));
    }

    @Override
    public void joinFailed(Failure failure) {
        print(error(failure, null));
        err.println(format.failure(failure));
    }

    private static JsonObject event(String name) {
        JsonObject json = new JsonObject();
        json.addProperty("event", name);
        return json;
    }

    private static JsonObject result(String name) {
        JsonObject json = new JsonObject();
        json.addProperty("result", name);
        return json;
    }

    private static JsonObject error(Failure failure, String command) {
        JsonObject json = new JsonObject();
        json.addProperty("error", failure.code());
        json.addProperty("message", failure.message());
        if (command != null) {
            json.addProperty("command", command);
        }
        return json;
    }

    private static void addMessage(JsonObject json, Message message) {
        json.addProperty("from", message.from());
        json.addProperty("to", message.to());
        json.addProperty("text", message.text());
        json.addProperty("ts", message.ts());
        if (message.id() != null) {
            json.addProperty("id", message.id());
        }
        if (message.isHistory()) {
            json.addProperty("history", true);
        }
        if (message.isAction()) {
            json.addProperty("action", true);
        }
    }

    private static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    private void print(JsonObject json) {
        out.println(GSON.toJson(json));
    }
}
