package dev.chat.client;

import dev.chat.wire.Fingerprint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;

/**
 * The servers this user trusted on first use: {@code $XDG_DATA_HOME/chat/known_hosts}, one line per
 * server, {@code host:port SHA256:...}; {@code #} starts a comment. Removing a line forgets a server.
 * Lines that are not in this form are ignored, never fatal. Thread-safe (one process).
 */
public final class KnownHosts {
    private final Path file;

    public KnownHosts(Path file) {
        this.file = file;
    }

    /** {@code $XDG_DATA_HOME/chat/known_hosts}, else {@code ~/.local/share/chat/known_hosts}. */
    public static Path defaultFile(Map<String, String> env, String userHome) {
        String data = env.get("XDG_DATA_HOME");
        Path base = data != null && !data.isBlank() && Path.of(data).isAbsolute()
                ? Path.of(data) : Path.of(userHome, ".local", "share");
        return base.resolve("chat").resolve("known_hosts");
    }

    public Path file() {
        return file;
    }

    /** The fingerprint remembered for {@code hostPort}; the last line wins. */
    public synchronized Optional<String> fingerprint(String hostPort) throws IOException {
        String found = null;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length == 2 && fields[0].equals(hostPort) && Fingerprint.isValid(fields[1])) {
                    found = fields[1];
                }
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(found);
    }

    /** Remembers {@code fingerprint} for {@code hostPort}, creating the file (mode 0600 by umask of its folder) if needed. */
    public synchronized void add(String hostPort, String fingerprint) throws IOException {
        if (!Fingerprint.isValid(fingerprint) || hostPort.isBlank() || hostPort.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("not a host:port and a fingerprint: " + hostPort + " " + fingerprint);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, hostPort + " " + fingerprint + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
