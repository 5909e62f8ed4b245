package dev.chat.daemon.transfer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Opens a regular file below a root one directory at a time, relative to the directory opened
 * just before ({@code openat} through a {@link SecureDirectoryStream}), never following a symbolic
 * link: a folder or file swapped for a link after it was checked fails to open instead of leading
 * elsewhere. Each entry's type is read (without following) before it is opened, so a FIFO, socket
 * or device in the path is refused rather than opened; what was opened is checked once more
 * through the channel (its size from the open descriptor) and the held directory.
 *
 * <p>Java cannot open with {@code O_NONBLOCK}: a FIFO swapped in between the type check and the
 * open (one system call apart) blocks the opening thread until a writer appears. That open pins a
 * virtual thread's carrier, so callers run this on a bounded pool of platform threads, never on a
 * connection's, the accept or the UDP driver thread.
 */
final class NoFollowWalk {
    /** The opened file and its attributes as checked before the open. */
    record Opened(FileChannel channel, BasicFileAttributes attrs) {
    }

    /** The entry is not something we serve: missing, a link, a directory, a FIFO, a device, or it changed. */
    static class NotShared extends IOException {
        NotShared(String why) {
            super(why, null);
        }
    }

    /** The last segment is a symbolic link (the caller decides whether its target is shared). */
    static final class IsLink extends NotShared {
        IsLink() {
            super("a symbolic link");
        }
    }

    private NoFollowWalk() {
    }

    /** Opens {@code realRoot/segments...}; throws {@link NotShared} or {@link IsLink} (an IOException). */
    static Opened open(Path realRoot, List<String> segments) throws IOException {
        DirectoryStream<Path> top = Files.newDirectoryStream(realRoot);
        if (!(top instanceof SecureDirectoryStream<Path> start)) {
            top.close();
            throw new NotShared("this platform cannot open files relative to a folder");
        }
        SecureDirectoryStream<Path> dir = start;
        try {
            for (int i = 0; i < segments.size() - 1; i++) {
                Path segment = Path.of(segments.get(i));
                if (!attributes(dir, segment).isDirectory()) {
                    throw new NotShared("not a folder");
                }
                SecureDirectoryStream<Path> next = dir.newDirectoryStream(segment, LinkOption.NOFOLLOW_LINKS);
                dir.close();
                dir = next;
            }
            return openLast(dir, Path.of(segments.getLast()));
        } finally {
            dir.close();
        }
    }

    private static Opened openLast(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        BasicFileAttributes before = attributes(dir, name);
        if (before.isSymbolicLink()) {
            throw new IsLink();
        }
        if (!before.isRegularFile()) {
            throw new NotShared("not a regular file");
        }
        SeekableByteChannel opened = dir.newByteChannel(name,
                Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        try {
            // size() is fstat on the open descriptor: a FIFO or device swapped in reports 0 bytes.
            if (!(opened instanceof FileChannel file) || file.size() != before.size()
                    || !Objects.equals(attributes(dir, name).fileKey(), before.fileKey())) {
                throw new NotShared("the file changed while it was opened");
            }
            return new Opened(file, before);
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    private static BasicFileAttributes attributes(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        try {
            return dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new NotShared("missing");
        }
    }
}
