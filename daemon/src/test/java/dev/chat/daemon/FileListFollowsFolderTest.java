package dev.chat.daemon;

import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.FileList;
import dev.chat.wire.frame.ListFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The file list follows the shared folder while the daemon runs: files added (in subfolders too)
 * appear, with their SHA-256 once the background hash is done; deleted or changed files are listed
 * as they are now; hidden files added at runtime stay unlisted. Spoken raw to a real daemon.
 */
@Timeout(30)
final class FileListFollowsFolderTest extends LoopbackFixture {
    /** SHA-256 of "hello\n", "hello, world\n" and "HELLO\n". */
    private static final String HELLO_SHA = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
    private static final String HELLO_WORLD_SHA = "853ff93762a06ddbf722c4ebe9ddd66d8f63ddaea97f521c3ecc20da7c976020";
    private static final String HELLO_UPPER_SHA = "3b09aeb6f5f5336beb205d7f720371bc927cd46c21922e334d47ba264acb5ba4";

    private TestClient alice;

    /** One list_files answer, all pages, by name. */
    private Map<String, FileEntry> list() throws IOException {
        long id = alice.nextId();
        alice.send(new ListFiles(id));
        Map<String, FileEntry> files = new TreeMap<>();
        FileList page;
        do {
            page = alice.expect(FileList.class);
            assertEquals(id, page.re());
            page.files().forEach(file -> files.put(file.name(), file));
        } while (page.more());
        return files;
    }

    private Path write(String name, String content) throws IOException {
        Path file = files.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** Lists until {@code name} is listed with {@code sha256} (hashing runs in the background). */
    private FileEntry awaitHashed(String name, String sha256) {
        FileEntry[] found = new FileEntry[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            found[0] = list().get(name);
            return found[0] != null && sha256.equals(found[0].sha256());
        });
        return found[0];
    }

    @Test
    void filesAddedAndDeletedWhileTheDaemonRunsAppearAndDisappearWithoutARestart() throws IOException {
        write("first.txt", "hello\n");
        start(config().rateLimit(0, 1));
        alice = join("alice");
        assertEquals(List.of("first.txt"), new ArrayList<>(list().keySet()));

        write("added.txt", "hello, world\n");
        write("sub/deeper/nested.txt", "hello\n");
        Map<String, FileEntry> now = list();
        assertEquals(List.of("added.txt", "first.txt", "sub/deeper/nested.txt"), new ArrayList<>(now.keySet()),
                "new files are listed at once, hashed or not");
        assertEquals(13, now.get("added.txt").size());
        assertEquals(new FileEntry("added.txt", 13, HELLO_WORLD_SHA), awaitHashed("added.txt", HELLO_WORLD_SHA));
        assertEquals(new FileEntry("sub/deeper/nested.txt", 6, HELLO_SHA), awaitHashed("sub/deeper/nested.txt", HELLO_SHA));

        Files.delete(files.resolve("added.txt"));
        assertEquals(List.of("first.txt", "sub/deeper/nested.txt"), new ArrayList<>(list().keySet()));
        Files.delete(files.resolve("sub/deeper/nested.txt"));
        Files.delete(files.resolve("sub/deeper"));
        assertEquals(List.of("first.txt"), new ArrayList<>(list().keySet()));
    }

    @Test
    void hiddenFilesAddedAtRuntimeStayUnlisted() throws IOException {
        start(config().rateLimit(0, 1));
        alice = join("alice");
        assertTrue(list().isEmpty());
        write(".hidden", "x");
        write("sub/.secret", "x");
        write(".git/config", "x");
        write("sub/visible.txt", "hello\n");
        awaitHashed("sub/visible.txt", HELLO_SHA);
        Map<String, FileEntry> now = list();
        assertEquals(List.of("sub/visible.txt"), new ArrayList<>(now.keySet()));
        assertFalse(now.keySet().stream().anyMatch(name -> name.contains("/.") || name.startsWith(".")));
    }

    @Test
    void aFileRewrittenWhileTheDaemonRunsIsListedWithItsNewSizeAndHash() throws IOException {
        write("a.txt", "hello\n");
        start(config().rateLimit(0, 1));
        alice = join("alice");
        awaitHashed("a.txt", HELLO_SHA);
        write("a.txt", "hello, world\n");
        assertEquals(new FileEntry("a.txt", 13, HELLO_WORLD_SHA), awaitHashed("a.txt", HELLO_WORLD_SHA));
        Path rewritten = write("a.txt", "HELLO\n");
        // Same size as before: only the modification time tells the cached hash is stale. Set it
        // apart explicitly, as a coarse file-system clock could give both writes the same stamp.
        Files.setLastModifiedTime(rewritten, FileTime.fromMillis(Files.getLastModifiedTime(rewritten).toMillis() + 2_000));
        assertEquals(new FileEntry("a.txt", 6, HELLO_UPPER_SHA), awaitHashed("a.txt", HELLO_UPPER_SHA));
    }
}
