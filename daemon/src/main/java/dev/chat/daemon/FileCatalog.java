package dev.chat.daemon;

import dev.chat.wire.frame.FileEntry;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shared files: regular, non-hidden files anywhere below the root, named by their path
 * relative to it with {@code /} separators. Symbolic links count only when they resolve to a
 * regular file inside the root; linked directories are not entered, so nothing outside the root
 * is ever listed. SHA-256 sums are cached by (size, modification time).
 *
 * <p>Thread-safe; called by reader threads answering {@code list_files}. Hashing is synchronous
 * for now, so a first listing of large files takes as long as reading them.
 */
final class FileCatalog {
    /** Bounds on one listing. */
    static final int MAX_FILES = 10_000;
    static final int MAX_DEPTH = 32;

    private static final System.Logger LOG = System.getLogger(FileCatalog.class.getName());

    private record CachedHash(long size, long modifiedMillis, String sha256) {
    }

    private final Path root;
    private final Map<String, CachedHash> hashes = new ConcurrentHashMap<>();

    FileCatalog(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** The files now, sorted by name; what cannot be read is left out (and logged). */
    List<FileEntry> list() {
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read the files folder " + root + ": " + e);
            return List.of();
        }
        List<FileEntry> entries = new ArrayList<>();
        try {
            Files.walkFileTree(realRoot, EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH,
                    new Collector(realRoot, entries));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list " + realRoot + ": " + e);
        }
        entries.sort(Comparator.comparing(FileEntry::name));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        entries.forEach(entry -> seen.add(entry.name()));
        hashes.keySet().retainAll(seen);
        return entries;
    }

    private final class Collector extends SimpleFileVisitor<Path> {
        private final Path realRoot;
        private final List<FileEntry> entries;

        Collector(Path realRoot, List<FileEntry> entries) {
            this.realRoot = realRoot;
            this.entries = entries;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(realRoot) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (hidden(file)) {
                return FileVisitResult.CONTINUE;
            }
            Path content = file;
            BasicFileAttributes target = attrs;
            if (attrs.isSymbolicLink()) {
                try {
                    content = file.toRealPath();
                    if (!content.startsWith(realRoot)) {
                        return FileVisitResult.CONTINUE;
                    }
                    target = Files.readAttributes(content, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    return FileVisitResult.CONTINUE; // dangling: not shared
                }
            }
            if (target.isRegularFile()) {
                String name = relativeName(file);
                entries.add(new FileEntry(name, target.size(), hash(name, content, target)));
            }
            return entries.size() < MAX_FILES ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
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

    private static boolean hidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    /** The cached sum if size and modification time still match, else a fresh one; null if unreadable. */
    private String hash(String name, Path file, BasicFileAttributes attrs) {
        long modified = attrs.lastModifiedTime().toMillis();
        CachedHash cached = hashes.get(name);
        if (cached != null && cached.size() == attrs.size() && cached.modifiedMillis() == modified) {
            return cached.sha256();
        }
        try {
            String sha = sha256(file);
            hashes.put(name, new CachedHash(attrs.size(), modified, sha));
            return sha;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot hash " + file + ": " + e);
            return null;
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
