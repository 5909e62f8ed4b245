package dev.chat.daemon.transfer;

import dev.chat.daemon.transfer.SharedFolder.SharedFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** Real opened files for grants in unit tests: a grant holds an open channel, and tests check it is closed. */
final class OpenFiles {
    private OpenFiles() {
    }

    /** A 10-byte temporary file, open for reading, shared as {@code name}. */
    static SharedFile tenBytes(String name) {
        try {
            Path path = Files.createTempFile("grant", ".bin");
            path.toFile().deleteOnExit();
            Files.write(path, new byte[10]);
            return new SharedFile(name, path, 10, 0, FileChannel.open(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
