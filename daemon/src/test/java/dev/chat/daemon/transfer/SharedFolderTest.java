package dev.chat.daemon.transfer;

import dev.chat.daemon.transfer.SharedFolder.SharedFile;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requested names open inside the shared folder, by the one sharing rule, or are refused with a typed code. */
final class SharedFolderTest {
    @TempDir
    Path root;
    @TempDir
    Path outside;

    private ErrorCode refusal(String name) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> new SharedFolder(root).open(name, 9));
        assertEquals(9, e.re().getAsLong());
        return e.code();
    }

    private String contentOf(SharedFile file) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) file.size());
        file.channel().read(buf, 0);
        return new String(buf.array(), StandardCharsets.UTF_8);
    }

    static void mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo " + path);
    }

    @Test
    void aFileInASubfolderOpensWithItsRealPathSizeAndAnOpenChannel() throws IOException {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/a.txt"), "hello");
        try (SharedFile file = new SharedFolder(root).open("docs/a.txt", 1)) {
            assertEquals(root.toRealPath().resolve("docs/a.txt"), file.path());
            assertEquals(5, file.size());
            assertEquals("docs/a.txt", file.name());
            assertEquals("hello", contentOf(file));
        }
    }

    @Test
    void aFileReplacedAfterItOpenedIsStillReadAsItWasOpened() throws IOException {
        Files.writeString(root.resolve("a.txt"), "hello");
        Files.writeString(outside.resolve("secret"), "SECRET");
        try (SharedFile file = new SharedFolder(root).open("a.txt", 1)) {
            Files.delete(root.resolve("a.txt"));
            Files.createSymbolicLink(root.resolve("a.txt"), outside.resolve("secret"));
            assertEquals("hello", contentOf(file));
        }
    }

    @Test
    void aSymlinkToAVisibleFileInsideTheFolderIsServedAsItsTarget() throws IOException {
        Files.writeString(root.resolve("a.txt"), "hello");
        Files.createSymbolicLink(root.resolve("link"), root.resolve("a.txt"));
        try (SharedFile file = new SharedFolder(root).open("link", 1)) {
            assertEquals(root.toRealPath().resolve("a.txt"), file.path());
            assertEquals("hello", contentOf(file));
        }
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
    void symlinksPointingOutOfTheFolderAreNotFoundLikeEveryUnlistedName() throws IOException {
        Files.writeString(outside.resolve("secret"), "s");
        Files.createSymbolicLink(root.resolve("file-out"), outside.resolve("secret"));
        Files.createSymbolicLink(root.resolve("dir-out"), outside);
        assertEquals(ErrorCode.FILE_NOT_FOUND, refusal("file-out"));
        assertEquals(ErrorCode.FILE_NOT_FOUND, refusal("dir-out/secret"));
    }

    @Test
    void aVisibleSymlinkToAHiddenFileOrThroughALinkedFolderIsNotFound() throws IOException {
        Files.createDirectories(root.resolve(".private"));
        Files.writeString(root.resolve(".private/key"), "k");
        Files.writeString(root.resolve(".env"), "e");
        Files.createSymbolicLink(root.resolve("env"), root.resolve(".env"));
        Files.createSymbolicLink(root.resolve("key"), root.resolve(".private/key"));
        Files.createDirectories(root.resolve("real"));
        Files.writeString(root.resolve("real/a.txt"), "a");
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));
        assertEquals(ErrorCode.FILE_NOT_FOUND, refusal("env"));
        assertEquals(ErrorCode.FILE_NOT_FOUND, refusal("key"));
        assertEquals(ErrorCode.FILE_NOT_FOUND, refusal("alias/a.txt")); // the listing does not enter linked folders
    }

    @Test
    void aFileDeeperThanTheListingGoesIsNotFoundAndOneAtTheLimitIsServed() throws IOException {
        Path dir = root;
        StringBuilder name = new StringBuilder();
        for (int depth = 1; depth < SharedFolder.MAX_DEPTH; depth++) {
            dir = dir.resolve("d");
            name.append("d/");
        }
        Files.createDirectories(dir.resolve("d"));
        Files.writeString(dir.resolve("at-limit"), "ok");
        Files.writeString(dir.resolve("d/too-deep"), "no");
        try (SharedFile file = new SharedFolder(root).open(name + "at-limit", 1)) {
            assertEquals(2, file.size());
        }
        assertEquals(ErrorCode.FILE_NOT_FOUND, refusal(name + "d/too-deep"));
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

    @Test
    @Timeout(10)
    void aFifoIsRefusedWithoutBeingOpenedSoNothingWaitsForAWriter() throws Exception {
        mkfifo(root.resolve("pipe"));
        Files.createDirectories(root.resolve("sub"));
        mkfifo(root.resolve("sub/pipe"));
        mkfifo(root.resolve("notadir"));
        assertEquals(ErrorCode.FILE_NOT_FOUND, refusal("pipe"));
        assertEquals(ErrorCode.FILE_NOT_FOUND, refusal("sub/pipe"));
        assertEquals(ErrorCode.FILE_NOT_FOUND, refusal("notadir/x"));
        Files.createSymbolicLink(root.resolve("to-pipe"), root.resolve("pipe"));
        assertEquals(ErrorCode.FILE_NOT_FOUND, refusal("to-pipe"));
    }

    @Test
    void theHashersWayInOpensOnlyWhatIsShared() throws IOException {
        Files.writeString(root.resolve("a.txt"), "hello");
        Files.writeString(root.resolve(".hidden"), "h");
        Files.writeString(outside.resolve("secret"), "s");
        SharedFolder folder = new SharedFolder(root);
        try (var channel = folder.openReal(root.toRealPath().resolve("a.txt"))) {
            assertEquals(5, channel.size());
        }
        assertThrows(IOException.class, () -> folder.openReal(root.toRealPath().resolve(".hidden")));
        assertThrows(IOException.class, () -> folder.openReal(outside.toRealPath().resolve("secret")));
        Path swapped = root.resolve("b.txt");
        Files.createSymbolicLink(swapped, outside.resolve("secret"));
        assertThrows(IOException.class, () -> folder.openReal(root.toRealPath().resolve("b.txt")));
        Files.move(root.resolve("a.txt"), swapped, StandardCopyOption.REPLACE_EXISTING);
        try (var channel = folder.openReal(root.toRealPath().resolve("b.txt"))) {
            assertEquals(5, channel.size());
        }
    }
}
