package dev.chat.daemon;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.FileList;
import dev.chat.wire.frame.ServerFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileCatalogTest {
    /** SHA-256 of "hello\n". */
    private static final String HELLO_SHA = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    @Test
    void listsRegularFilesRecursivelyWithForwardSlashesSortedAndHashed() throws IOException {
        write("b.txt", "hello\n");
        write("a/deep/c.txt", "");
        assertEquals(List.of(
                new FileEntry("a/deep/c.txt", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                new FileEntry("b.txt", 6, HELLO_SHA)), new FileCatalog(dir).list());
    }

    @Test
    void hiddenFilesAndFoldersAreNotShared() throws IOException {
        write(".secret", "x");
        write(".git/config", "x");
        write("ok.txt", "hello\n");
        assertEquals(List.of(new FileEntry("ok.txt", 6, HELLO_SHA)), new FileCatalog(dir).list());
    }

    @Test
    void linksLeadingOutsideTheRootAreNotFollowed(@TempDir Path outside) throws IOException {
        Files.writeString(outside.resolve("passwd"), "secret");
        Files.createDirectories(dir.resolve("shared"));
        Files.createSymbolicLink(dir.resolve("shared/escape"), outside.resolve("passwd"));
        Files.createSymbolicLink(dir.resolve("outdir"), outside);
        Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nothing"));
        write("real.txt", "hello\n");
        Files.createSymbolicLink(dir.resolve("inside-link"), dir.resolve("real.txt"));
        assertEquals(List.of(new FileEntry("inside-link", 6, HELLO_SHA), new FileEntry("real.txt", 6, HELLO_SHA)),
                new FileCatalog(dir).list());
    }

    @Test
    void aChangedFileIsHashedAgain() throws IOException {
        Path file = write("f.txt", "hello\n");
        FileCatalog catalog = new FileCatalog(dir);
        assertEquals(HELLO_SHA, catalog.list().get(0).sha256());
        Files.writeString(file, "other!");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        String sha = catalog.list().get(0).sha256();
        assertFalse(HELLO_SHA.equals(sha));
        assertEquals(FileCatalog.sha256(file), sha);
    }

    @Test
    void aMissingRootIsFilesUnavailableNotAnEmptyList() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> new FileCatalog(dir.resolve("missing")).list());
        assertEquals(ErrorCode.FILES_UNAVAILABLE, e.code());
    }

    @Test
    void aFolderThatFailsForAnotherReasonThanPermissionIsFilesUnavailable() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "hello\n");
        Path notAFolder = Files.writeString(dir.resolve("plain"), "x");
        // The root itself cannot be walked (ENOTDIR stands in for EMFILE): an error, not a shorter list.
        ProtocolException e = assertThrows(ProtocolException.class, () -> new FileCatalog(notAFolder.resolve("sub")).list());
        assertEquals(ErrorCode.FILES_UNAVAILABLE, e.code());
    }

    @Test
    void manyFilesArePagedWithMoreOnAllButTheLastPage() {
        List<FileEntry> files = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            files.add(new FileEntry("dir/file-" + i + ".txt", i, HELLO_SHA));
        }
        List<ServerFrame> pages = Pages.fileList(3, files);
        assertTrue(pages.size() > 1);
        int total = 0;
        for (int i = 0; i < pages.size(); i++) {
            FileList page = assertInstanceOf(FileList.class, pages.get(i));
            assertEquals(3, page.re());
            assertEquals(i < pages.size() - 1, page.more());
            total += page.files().size();
            assertTrue(dev.chat.wire.JsonCodec.instance().encodeFrame(page).length <= Pages.FILE_PAGE_BYTES);
        }
        assertEquals(600, total);
        assertEquals(List.of(new FileList(9, List.of(), false)), Pages.fileList(9, List.of()));
    }
}
