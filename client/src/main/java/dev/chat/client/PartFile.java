package dev.chat.client;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where one download lands. A shared name {@code docs/a.txt} is saved as {@code DIR/docs/a.txt}:
 * subfolders are kept (created as needed) so equal names in different folders do not collide, but a
 * name with an empty, {@code .}, {@code ..} or hidden segment, a backslash, NUL or a leading
 * {@code /} is refused, and a folder that resolves outside {@code DIR} (a symbolic link) is refused,
 * so nothing is ever written outside the download folder. Bytes go to {@code NAME.part}; a
 * {@code .part} left by an interrupted download is resumed from its length. {@link #commit} renames
 * the verified file to {@code NAME}, or {@code NAME (1)}, {@code NAME (2)}... when taken (the number
 * goes before the extension: {@code a (1).txt}); the rename never replaces an existing file.
 *
 * <p>One download per part file at a time in this JVM ({@link #close} releases it).
 */
final class PartFile implements AutoCloseable {
    static final String SUFFIX = ".part";
    private static final int MAX_CLASH = 10_000;
    private static final Set<Path> IN_USE = ConcurrentHashMap.newKeySet();

    private final Path target;
    private final Path part;
    private boolean released;

    private PartFile(Path target, Path part) {
        this.target = target;
        this.part = part;
    }

    /**
     * Reserves the part file for {@code name} under {@code directory}, creating folders as needed.
     *
     * @throws IllegalArgumentException the name is unsafe
     * @throws IOException              the folder cannot be created, or the name is being downloaded already
     */
    static PartFile open(Path directory, String name) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        Path target = safeTarget(dir, name);
        Files.createDirectories(target.getParent());
        Path realDir = dir.toRealPath();
        if (!target.getParent().toRealPath().startsWith(realDir)) {
            throw new IllegalArgumentException("'" + name + "' leads outside " + dir);
        }
        Path part = target.resolveSibling(target.getFileName() + SUFFIX);
        if (Files.isSymbolicLink(part) || Files.isDirectory(part, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(part + " is not a regular file");
        }
        if (!IN_USE.add(part)) {
            throw new IOException("'" + name + "' is already being downloaded to " + dir);
        }
        return new PartFile(target, part);
    }

    /** The path of {@code name} below {@code dir}, or IllegalArgumentException when unsafe. */
    static Path safeTarget(Path dir, String name) {
        if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("unsafe file name: '" + name + "'");
        }
        Path path = dir;
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".") || segment.indexOf(':') >= 0) {
                throw new IllegalArgumentException("unsafe file name: '" + name + "'");
            }
            path = path.resolve(segment);
        }
        Path normal = path.normalize();
        if (!normal.startsWith(dir) || normal.equals(dir)) {
            throw new IllegalArgumentException("unsafe file name: '" + name + "'");
        }
        return normal;
    }

    Path part() {
        return part;
    }

    /** Bytes already held (a resume point), 0 when there is no part file. */
    long existingLength() throws IOException {
        return Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS) ? Files.size(part) : 0;
    }

    /** Drops the part file (it cannot be resumed: it failed verification or outgrew the file). */
    void discard() throws IOException {
        Files.deleteIfExists(part);
    }

    /**
     * Moves the verified part file to the first free name among {@code NAME}, {@code NAME (1)}...
     * without ever replacing a file: a hard link claims the name atomically, then the part goes;
     * where links are unsupported, an atomic move to a name checked to be free.
     */
    Path commit() throws IOException {
        for (int n = 0; n < MAX_CLASH; n++) {
            Path candidate = n == 0 ? target : target.resolveSibling(numbered(target.getFileName().toString(), n));
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                Files.createLink(candidate, part);
                Files.delete(part);
                return candidate;
            } catch (FileAlreadyExistsException e) {
                continue; // taken between the check and the link
            } catch (UnsupportedOperationException | IOException e) {
                try {
                    return Files.move(part, candidate, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e2) {
                    return Files.move(part, candidate);
                }
            }
        }
        throw new IOException("no free name for " + target);
    }

    /** {@code a.txt} -> {@code a (n).txt}; {@code README} -> {@code README (n)}. */
    static String numbered(String fileName, int n) {
        int dot = fileName.lastIndexOf('.');
        if (dot <= 0) {
            return fileName + " (" + n + ")";
        }
        return fileName.substring(0, dot) + " (" + n + ")" + fileName.substring(dot);
    }

    @Override
    public void close() {
        if (!released) {
            released = true;
            IN_USE.remove(part);
        }
    }
}
