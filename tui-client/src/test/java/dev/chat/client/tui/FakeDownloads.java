package dev.chat.client.tui;

import dev.chat.client.ChatListener;
import dev.chat.client.JoinException;
import dev.chat.client.TransferProtocol;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.Sent;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wraps a real connector so that its sessions chat with the real daemon but download through
 * {@link FakeTransfer}s the test drives, until the library's download lands.
 */
final class FakeDownloads implements Connector {
    final Map<String, FakeTransfer> started = new ConcurrentHashMap<>();
    private Connector real;

    FakeDownloads(Connector real) {
        this.real = real;
    }

    /** This, wrapping {@code connector}: for the fixture's connector factory. */
    FakeDownloads wrapping(Connector connector) {
        real = connector;
        return this;
    }

    @Override
    public ChatSession join(String name, ChatListener listener) throws JoinException {
        ChatSession session = real.join(name, listener);
        return new ChatSession() {
            @Override
            public String name() {
                return session.name();
            }

            @Override
            public List<String> usersAtJoin() {
                return session.usersAtJoin();
            }

            @Override
            public String server() {
                return session.server();
            }

            @Override
            public CompletableFuture<Sent> send(String to, String text) {
                return session.send(to, text);
            }

            @Override
            public CompletableFuture<List<String>> listUsers() {
                return session.listUsers();
            }

            @Override
            public CompletableFuture<List<FileEntry>> listFiles() {
                return session.listFiles();
            }

            @Override
            public TransferHandle download(String file, TransferProtocol protocol, Path directory) {
                FakeTransfer transfer = new FakeTransfer();
                started.put(file + "/" + protocol, transfer);
                return transfer;
            }

            @Override
            public void close() {
                session.close();
            }
        };
    }

    @Override
    public String address() {
        return real.address();
    }

    @Override
    public void close() {
        real.close();
    }
}
