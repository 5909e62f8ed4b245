package dev.chat.daemon;

import dev.chat.daemon.transfer.FileHasher;
import dev.chat.daemon.transfer.SharedFolder;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.FileEntry;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The shared files, by {@link SharedFolder}'s rule (the one downloads follow): regular, non-hidden
 * files at most {@link SharedFolder#MAX_DEPTH} segments below the root, named by their path
 * relative to it with {@code /} separators. Symbolic links count only when they resolve to a
 * regular file that is shared itself; linked directories are not entered, so nothing outside the
 * root, hidden or too deep is ever listed. SHA-256 sums come from a {@link FileHasher}: cached by
 * (size, modification time) and computed in the background, so an entry lacks its sum until it is
 * known.
 *
 * <p>Thread-safe; called by reader threads answering {@code list_files}. It walks the folder (file
 * attributes only) but never reads a file's content on the caller's thread.
 */
final class FileCatalog {
    /** Bounds on one listing. */
    static final int MAX_FILES = 10_000;

    private static final System.Logger LOG = System.getLogger(FileCatalog.class.getName());

    private final Path root;
    private final FileHasher hasher;

    /** A catalog that hashes on the caller's thread (tests). */
    FileCatalog(Path root) {
        this(root, new FileHasher(Runnable::run, new SharedFolder(root)::openReal));
    }

    FileCatalog(Path root, FileHasher hasher) {
        this.root = root.toAbsolutePath().normalize();
        this.hasher = hasher;
    }

    Path root() {
        return root;
    }

    /**
     * The files now, sorted by name. A dangling link or an entry the daemon may not read is left out;
     * any other failure (the folder gone, out of file descriptors) is FILES_UNAVAILABLE, never a
     * silently shorter or empty list.
     */
    List<FileEntry> list() {
        Path realRoot;
        List<FileEntry> entries = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        try {
            realRoot = root.toRealPath();
            Files.walkFileTree(realRoot, EnumSet.noneOf(java.nio.file.FileVisitOption.class), SharedFolder.MAX_DEPTH,
                    new Collector(realRoot, entries, seen));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list the files folder " + root + ": " + e);
            throw new ProtocolException(ErrorCode.FILES_UNAVAILABLE, "the shared folder cannot be read now");
        }
        entries.sort(Comparator.comparing(FileEntry::name));
        hasher.retain(seen);
        return entries;
    }

    private final class Collector extends SimpleFileVisitor<Path> {
        private final Path realRoot;
        private final List<FileEntry> entries;
        private final Set<Path> seen;

        Collector(Path realRoot, List<FileEntry> entries, Set<Path> seen) {
            this.realRoot = realRoot;
            this.entries = entries;
            this.seen = seen;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(realRoot) && !SharedFolder.isShared(realRoot.relativize(dir))
                    ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (!SharedFolder.isShared(realRoot.relativize(file))) {
                return FileVisitResult.CONTINUE;
            }
            Path content = file;
            BasicFileAttributes target = attrs;
            if (attrs.isSymbolicLink()) {
                try {
                    content = file.toRealPath();
                    if (!content.startsWith(realRoot) || !SharedFolder.isShared(realRoot.relativize(content))) {
                        return FileVisitResult.CONTINUE;
                    }
                    target = Files.readAttributes(content, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    return FileVisitResult.CONTINUE; // dangling: not shared
                }
            }
            if (target.isRegularFile()) {
                String name = relativeName(file);
                seen.add(content);
                entries.add(new FileEntry(name, target.size(),
                        hasher.ifKnown(content, target.size(), target.lastModifiedTime().toMillis())));
            }
            return entries.size() < MAX_FILES ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (file.equals(realRoot) || !(e instanceof NoSuchFileException || e instanceof AccessDeniedException)) {
                throw e; // e.g. EMFILE: the listing would be incomplete
            }
            return FileVisitResult.CONTINUE; // a dangling link or an unreadable entry is not shared
        }

        private String relativeName(Path file) {
            Path relative = realRoot.relativize(file);
            StringBuilder name = new StringBuilder();
            for (Path part : relative) {
                if (!name.isEmpty()) {
                    name.append('/');
                }
                name.append(part);
            }
            return name.toString();
        }
    }

    static String sha256(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            return FileHasher.compute(channel);
        }
    }
}
