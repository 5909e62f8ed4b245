package dev.chat.daemon.transfer;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Requested names resolve inside the shared folder or are refused with a typed code. */
final class SharedFolderTest {
    @TempDir
    Path root;
    @TempDir
    Path outside;

    private ErrorCode refusal(String name) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> new SharedFolder(root).resolve(name, 9));
        assertEquals(9, e.re().getAsLong());
        return e.code();
    }

    @Test
    void aFileInASubfolderResolvesToItsRealPath() throws IOException {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/a.txt"), "hello");
        SharedFolder.SharedFile file = new SharedFolder(root).resolve("docs/a.txt", 1);
        assertEquals(root.toRealPath().resolve("docs/a.txt"), file.path());
        assertEquals(5, file.size());
        assertEquals("docs/a.txt", file.name());
    }

    @Test
    void aSymlinkInsideTheFolderIsServed() throws IOException {
        Files.writeString(root.resolve("a.txt"), "hello");
        Files.createSymbolicLink(root.resolve("link"), root.resolve("a.txt"));
        assertEquals(root.toRealPath().resolve("a.txt"), new SharedFolder(root).resolve("link", 1).path());
    }

    @Test
    void traversalAbsoluteNulBackslashAndEmptySegmentsAreBadFileNames() {
        for (String name : new String[] {"..", "../x", "a/../../x", "/etc/passwd", "a\u0000", "a\\b", "", "a//b",
                "a/", "./a", "a/."}) {
            assertEquals(ErrorCode.BAD_FILE_NAME, refusal(name), name);
        }
        assertEquals(ErrorCode.BAD_FILE_NAME, refusal("x".repeat(SharedFolder.MAX_NAME_CHARS + 1)));
    }

    @Test
    void symlinksPointingOutOfTheFolderAreBadFileNames() throws IOException {
        Files.writeString(outside.resolve("secret"), "s");
        Files.createSymbolicLink(root.resolve("file-out"), outside.resolve("secret"));
        Files.createSymbolicLink(root.resolve("dir-out"), outside);
        assertEquals(ErrorCode.BAD_FILE_NAME, refusal("file-out"));
        assertEquals(ErrorCode.BAD_FILE_NAME, refusal("dir-out/secret"));
    }

    @Test
    void missingHiddenAndNonRegularFilesAreNotFound() throws IOException {
        Files.writeString(root.resolve(".hidden"), "h");
        Files.createDirectories(root.resolve("dir/.git"));
        Files.writeString(root.resolve("dir/.git/config"), "c");
        assertEquals(ErrorCode.FILE_NOT_FOUND, refusal("missing"));
        assertEquals(ErrorCode.FILE_NOT_FOUND, refusal(".hidden"));
        assertEquals(ErrorCode.FILE_NOT_FOUND, refusal("dir/.git/config"));
        assertEquals(ErrorCode.FILE_NOT_FOUND, refusal("dir"));
    }
}
