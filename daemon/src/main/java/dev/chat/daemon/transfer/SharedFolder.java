package dev.chat.daemon.transfer;

import dev.chat.daemon.transfer.NoFollowWalk.IsLink;
import dev.chat.daemon.transfer.NoFollowWalk.NotShared;
import dev.chat.daemon.transfer.NoFollowWalk.Opened;
import dev.chat.wire.ClientText;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.ProtocolException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What is shared, and opening it. One rule serves the listing ({@code FileCatalog}) and downloads,
 * so a name that is not listed is not served ({@code FILE_NOT_FOUND}): a shared file is a regular
 * file below the root, at most {@value #MAX_DEPTH} segments deep, with no segment hidden (starting
 * with {@code .}), reached through real folders only; its last segment may be a symbolic link whose
 * target is itself shared by this rule (inside the root, not hidden, not too deep).
 *
 * <p>Names are {@code /}-separated paths below the root ({@code docs/a.txt}), as {@code file_list}
 * shows them. Refused with {@code BAD_FILE_NAME}: empty, over {@value #MAX_NAME_CHARS} characters,
 * NUL, backslash, a leading {@code /}, empty, {@code .} or {@code ..} segments. A download opens
 * its file once, here ({@link NoFollowWalk}): the grant keeps the channel, so a file replaced after
 * {@code download_ready} changes nothing. Opening may block (see NoFollowWalk): call {@link #open}
 * and {@link #openReal} on a bounded pool of platform threads. Thread-safe (stateless but for the root).
 */
public final class SharedFolder {
    static final int MAX_NAME_CHARS = 4096;
    /** Deepest a shared file lies below the root, in segments ({@code a/b.txt} is 2). */
    public static final int MAX_DEPTH = 32;

    /**
     * An opened shared file: the name as requested, its real path (the hash cache's key), size and
     * modification time as checked at open, and the open channel that every read goes through.
     * Whoever holds it closes it.
     */
    public record SharedFile(String name, Path path, long size, long modifiedMillis, FileChannel channel)
            implements AutoCloseable {
        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // a read-only channel has nothing to flush: closed is closed
            }
        }
    }

    private final Path root;

    public SharedFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** True when {@code relative} (a path below the root) names something the rule lets be shared. */
    public static boolean isShared(Path relative) {
        if (relative.isAbsolute() || relative.getNameCount() > MAX_DEPTH) {
            return false;
        }
        for (Path segment : relative) {
            String s = segment.toString();
            if (s.isEmpty() || s.startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Opens the shared file {@code name}. Blocking (see the class comment).
     *
     * @param re the request id the refusal answers
     * @throws ProtocolException BAD_FILE_NAME or FILE_NOT_FOUND, carrying {@code re}
     */
    public SharedFile open(String name, long re) {
        List<String> segments = checkSyntax(name, re);
        try {
            Path realRoot = root.toRealPath();
            Path path = realRoot.resolve(name);
            Opened opened;
            try {
                opened = NoFollowWalk.open(realRoot, segments);
            } catch (IsLink link) {
                path = sharedTarget(realRoot, path);
                opened = NoFollowWalk.open(realRoot, segmentsOf(realRoot.relativize(path))); // a link again: refused
            }
            return new SharedFile(name, path, opened.attrs().size(), opened.attrs().lastModifiedTime().toMillis(),
                    opened.channel());
        } catch (IOException | InvalidPathException e) {
            throw notFound(name, re);
        }
    }

    /** Opens the shared file at real path {@code real} (the hasher's way in); NotShared when it is not. */
    public FileChannel openReal(Path real) throws IOException {
        Path realRoot = root.toRealPath();
        if (!real.startsWith(realRoot) || !isShared(realRoot.relativize(real))) {
            throw new NotShared("not below the shared folder");
        }
        return NoFollowWalk.open(realRoot, segmentsOf(realRoot.relativize(real))).channel();
    }

    /** The real path a visible link leads to, when that target is shared itself. */
    private static Path sharedTarget(Path realRoot, Path link) throws IOException {
        Path target = link.toRealPath();
        if (!target.startsWith(realRoot) || target.equals(realRoot) || !isShared(realRoot.relativize(target))) {
            throw new NotShared("the link leads out of what is shared");
        }
        return target;
    }

    private static List<String> segmentsOf(Path relative) {
        List<String> segments = new ArrayList<>();
        for (Path segment : relative) {
            segments.add(segment.toString());
        }
        return segments;
    }

    private static List<String> checkSyntax(String name, long re) {
        if (name.isEmpty() || name.length() > MAX_NAME_CHARS) {
            throw bad("a file name is 1.." + MAX_NAME_CHARS + " characters", re);
        }
        if (name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0) {
            throw bad("a file name may not hold NUL or a backslash", re);
        }
        if (name.startsWith("/")) {
            throw bad("a file name is relative to the shared folder", re);
        }
        List<String> segments = Arrays.asList(name.split("/", -1));
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw bad("a file name may not hold empty, '.' or '..' segments", re);
            }
        }
        if (segments.size() > MAX_DEPTH || segments.stream().anyMatch(s -> s.startsWith("."))) {
            throw notFound(name, re); // hidden or too deep: not listed, so not served
        }
        return segments;
    }

    private static ProtocolException bad(String why, long re) {
        return new ProtocolException(ErrorCode.BAD_FILE_NAME, why, re);
    }

    private static ProtocolException notFound(String name, long re) {
        return new ProtocolException(ErrorCode.FILE_NOT_FOUND, "no shared file '" + ClientText.echo(name) + "'", re);
    }
}
