package dev.chat.wire.frame;

/**
 * A shared file: its path below the shared folder ({@code a/b.txt}), its size in bytes and the
 * SHA-256 of its content in lower-case hex, or null while the daemon is still computing it.
 */
public record FileEntry(String name, long size, @OptionalField String sha256) {
    public FileEntry {
        Ids.required("name", name);
    }
}
