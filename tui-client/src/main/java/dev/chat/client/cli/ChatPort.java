package dev.chat.client.cli;

import dev.chat.client.ChatClient;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.Sent;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the console commands need of a joined session: the requests of {@link ChatClient}, behind an
 * interface so that {@link CommandExecutor} is tested with a small fake.
 */
interface ChatPort {
    CompletableFuture<Sent> send(String to, String text);

    CompletableFuture<List<String>> listUsers();

    CompletableFuture<List<FileEntry>> listFiles();

    static ChatPort of(ChatClient client) {
        return new ChatPort() {
            @Override
            public CompletableFuture<Sent> send(String to, String text) {
                return client.send(to, text);
            }

            @Override
            public CompletableFuture<List<String>> listUsers() {
                return client.listUsers();
            }

            @Override
            public CompletableFuture<List<FileEntry>> listFiles() {
                return client.listFiles();
            }
        };
    }
}
