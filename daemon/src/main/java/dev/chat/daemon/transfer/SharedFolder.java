package dev.chat.daemon.transfer;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Turns a requested file name into a real file inside the shared folder, or a typed refusal.
 * Names are {@code /}-separated paths below the root ({@code docs/a.txt}), as {@code file_list}
 * shows them. Refused with {@code BAD_FILE_NAME}: empty, over 4096 characters, NUL, backslash,
 * a leading {@code /}, empty, {@code .} or {@code ..} segments, or a path that resolves (through
 * symbolic links) outside the root. {@code FILE_NOT_FOUND}: missing, not a regular file, or hidden
 * (a segment starting with {@code .}: hidden files are not listed, so they are not served either).
 * Thread-safe (stateless but for the root).
 */
public final class SharedFolder {
    static final int MAX_NAME_CHARS = 4096;

    /** A resolved shared file: the name as requested, its real path, size and modification time. */
    public record SharedFile(String name, Path path, long size, long modifiedMillis) {
    }

    private final Path root;

    public SharedFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * @param re the request id the refusal answers
     * @throws ProtocolException BAD_FILE_NAME or FILE_NOT_FOUND, carrying {@code re}
     */
    public SharedFile resolve(String name, long re) {
        checkSyntax(name, re);
        Path realRoot;
        Path real;
        try {
            realRoot = root.toRealPath();
            real = realRoot.resolve(name).toRealPath();
        } catch (NoSuchFileException e) {
            throw notFound(name, re);
        } catch (IOException | InvalidPathException e) {
            throw new ProtocolException(ErrorCode.FILE_NOT_FOUND, "cannot open '" + name + "'", re);
        }
        if (!real.startsWith(realRoot) || real.equals(realRoot)) {
            throw new ProtocolException(ErrorCode.BAD_FILE_NAME, "'" + name + "' leads outside the shared folder", re);
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw notFound(name, re);
        }
        if (!attrs.isRegularFile()) {
            throw notFound(name, re);
        }
        return new SharedFile(name, real, attrs.size(), attrs.lastModifiedTime().toMillis());
    }

    private static void checkSyntax(String name, long re) {
        if (name.isEmpty() || name.length() > MAX_NAME_CHARS) {
            throw bad("a file name is 1.." + MAX_NAME_CHARS + " characters", re);
        }
        if (name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0) {
            throw bad("a file name may not hold NUL or a backslash", re);
        }
        if (name.startsWith("/")) {
            throw bad("a file name is relative to the shared folder", re);
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw bad("a file name may not hold empty, '.' or '..' segments", re);
            }
        }
        for (String segment : name.split("/", -1)) {
            if (segment.startsWith(".")) {
                throw notFound(name, re);
            }
        }
    }

    private static ProtocolException bad(String why, long re) {
        return new ProtocolException(ErrorCode.BAD_FILE_NAME, why, re);
    }

    private static ProtocolException notFound(String name, long re) {
        return new ProtocolException(ErrorCode.FILE_NOT_FOUND, "no shared file '" + name + "'", re);
    }
}
