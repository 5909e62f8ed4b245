package dev.chat.client.cli;

import dev.chat.wire.Names;
import dev.chat.wire.frame.FileEntry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Who is online and which files the daemon shares, as far as this session has heard: what line
 * mode completes. Thread-safe; the reader thread updates users, replies update files.
 */
final class Directory {
    /** Collision key (Names.key) to display name, so that "Bob" leaving removes "bob". */
    private final Map<String, String> users = new ConcurrentSkipListMap<>();
    private final AtomicReference<List<String>> files = new AtomicReference<>(List.of());

    void usersOnline(List<String> names) {
        users.clear();
        names.forEach(this::joined);
    }

    void joined(String name) {
        users.put(Names.key(name), name);
    }

    void left(String name) {
        users.remove(Names.key(name));
    }

    List<String> users() {
        return users.values().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    void files(List<FileEntry> entries) {
        files.set(entries.stream().map(FileEntry::name).sorted().toList());
    }

    List<String> files() {
        return files.get();
    }
}
