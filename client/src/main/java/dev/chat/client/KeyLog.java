package dev.chat.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The reliable-UDP key log, as TLS's {@code SSLKEYLOGFILE}: when the environment variable
 * {@code CHAT_KEYLOGFILE} (or the system property {@code chat.keylogfile}) names a file, every UDP
 * download appends the line {@code CHAT_RUDP_SECRET <transfer> <secret hex>} before its handshake,
 * so the user's own capture can be decrypted by the Wireshark dissector ({@code docs/wireshark.md}).
 * Whoever reads the file can read those transfers: it is off unless asked for.
 * A failure to write is logged and never fails the download.
 */
final class KeyLog {
    static final String ENV = "CHAT_KEYLOGFILE";
    static final String PROPERTY = "chat.keylogfile";
    static final String LABEL = "CHAT_RUDP_SECRET";
    private static final System.Logger LOG = System.getLogger(KeyLog.class.getName());

    private KeyLog() {
    }

    /** The file asked for, or null: the system property wins over the environment. */
    static Path configured() {
        String path = System.getProperty(PROPERTY);
        if (path == null || path.isEmpty()) {
            path = System.getenv(ENV);
        }
        return path == null || path.isEmpty() ? null : Path.of(path);
    }

    /** Appends one transfer's secret to the configured key log, if any. */
    static void record(long transfer, String secretHex) {
        Path file = configured();
        if (file != null) {
            append(file, transfer, secretHex);
        }
    }

    /** One line, written with a single append so concurrent downloads never interleave. */
    static void append(Path file, long transfer, String secretHex) {
        byte[] line = (LABEL + " " + transfer + " " + secretHex + "\n").getBytes(StandardCharsets.US_ASCII);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            out.write(ByteBuffer.wrap(line));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot append to the key log " + file + ": " + e.getMessage());
        }
    }
}
