package dev.chat.client.tui;

import dev.chat.client.TransferProtocol;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.Sent;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the full-screen client needs of a joined connection: the port it is written against, so
 * that tests can fake transfers and the library may change behind {@link ClientSession}. Methods may
 * be called from the GUI thread: none blocks; futures complete on other threads, and whoever reacts
 * to them posts back to the GUI thread.
 */
interface ChatSession extends AutoCloseable {
    /** The name the daemon registered. */
    String name();

    /** Everyone online when joining, this client included. */
    List<String> usersAtJoin();

    /** The daemon's software description. */
    String server();

    CompletableFuture<Sent> send(String to, String text);

    CompletableFuture<List<String>> listUsers();

    CompletableFuture<List<FileEntry>> listFiles();

    /** Starts downloading {@code file} into {@code directory}; failures show in the handle's result. */
    TransferHandle download(String file, TransferProtocol protocol, Path directory);

    /** Leaves politely (quit, bye); idempotent. */
    @Override
    void close();
}
