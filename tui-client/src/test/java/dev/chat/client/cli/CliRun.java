package dev.chat.client.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** One {@code chat} run in this JVM, on a virtual thread, with its output captured as bytes. */
final class CliRun {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> exit;

    private CliRun(InputStream in, java.nio.file.Path history, UnaryOperator<Environment> adjust,
                   UnaryOperator<ChatMain> configure, String... args) {
        Environment env = adjust.apply(Environment.of(in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), history));
        ChatMain main = configure.apply(new ChatMain(env));
        exit = CompletableFuture.supplyAsync(() -> ChatMain.commandLine(main).execute(args),
                task -> Thread.ofVirtual().name("chat-under-test").start(task));
    }

    static CliRun start(String stdin, java.nio.file.Path history, String... args) {
        return start(stdin, history, UnaryOperator.identity(), UnaryOperator.identity(), args);
    }

    static CliRun start(String stdin, java.nio.file.Path history, UnaryOperator<Environment> adjust,
                        UnaryOperator<ChatMain> configure, String... args) {
        return new CliRun(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), history, adjust, configure, args);
    }

    static CliRun start(InputStream stdin, java.nio.file.Path history, UnaryOperator<Environment> adjust, String... args) {
        return new CliRun(stdin, history, adjust, UnaryOperator.identity(), args);
    }

    int exitCode() throws Exception {
        return exit.get(20, TimeUnit.SECONDS);
    }

    CompletableFuture<Integer> exit() {
        return exit;
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
