package dev.chat.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Where downloads land: safe names, numbered clashes, resume length, one download per part. */
final class PartFileTest {
    @TempDir
    Path dir;
    @TempDir
    Path outside;

    @Test
    void clashesAreNumberedBeforeTheExtension() {
        assertEquals("a (1).txt", PartFile.numbered("a.txt", 1));
        assertEquals("archive.tar (2).gz", PartFile.numbered("archive.tar.gz", 2));
        assertEquals("README (3)", PartFile.numbered("README", 3));
    }

    @Test
    void hostileNamesNeverLeaveTheDownloadFolder() {
        for (String name : new String[] {"../x", "a/../../x", "/etc/passwd", "a\\b", "a\u0000", "", "a//b", ".bashrc",
                "docs/.ssh/x", "c:x", ".."}) {
            assertThrows(IllegalArgumentException.class, () -> PartFile.safeTarget(dir, name), name);
        }
        assertEquals(dir.resolve("docs/a.txt"), PartFile.safeTarget(dir, "docs/a.txt"));
    }

    @Test
    void aSymlinkedSubfolderPointingOutIsRefused() throws IOException {
        Files.createSymbolicLink(dir.resolve("docs"), outside);
        assertThrows(IllegalArgumentException.class, () -> PartFile.open(dir, "docs/a.txt"));
    }

    @Test
    void aPartLeftBehindGivesTheResumeOffsetAndCommitPicksAFreeName() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "taken");
        Files.writeString(dir.resolve("a.txt.part"), "12345");
        try (PartFile part = PartFile.open(dir, "a.txt")) {
            assertEquals(5, part.existingLength());
            assertEquals(dir.resolve("a (1).txt"), part.commit());
        }
        assertEquals("taken", Files.readString(dir.resolve("a.txt")));
        assertEquals("12345", Files.readString(dir.resolve("a (1).txt")));
    }

    @Test
    void thePartFileIsHeldByOneDownloadAtATime() throws IOException {
        try (PartFile first = PartFile.open(dir, "a.txt")) {
            assertThrows(IOException.class, () -> PartFile.open(dir, "a.txt"));
        }
        PartFile.open(dir, "a.txt").close();
    }
}
