package dev.chat.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(20)
class HashingWriterTest {
    @TempDir
    Path dir;

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** Feeds {@code data[from..]} through the writer in pieces of {@code piece} bytes, as a socket would. */
    private static void stream(HashingWriter writer, byte[] data, int from, int piece) throws Exception {
        ByteBuffer buf = writer.take();
        for (int at = from; at < data.length; ) {
            if (!buf.hasRemaining()) {
                writer.submit(buf);
                buf = writer.take();
            }
            int n = Math.min(Math.min(piece, buf.remaining()), data.length - at);
            buf.put(data, at, n);
            at += n;
        }
        writer.submit(buf);
    }

    @Test
    void aStreamOfManyBuffersLandsInTheFileAndIsHashedWhole() throws Exception {
        byte[] data = random(9 * HashingWriter.BUFFER_BYTES + 12_345, 1); // more buffers than the ring holds
        Path part = dir.resolve("a.part");
        try (FileChannel file = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
             HashingWriter writer = new HashingWriter(file, 0)) {
            stream(writer, data, 0, 65_521);
            assertEquals(sha256(data), writer.finish());
        }
        assertArrayEquals(data, Files.readAllBytes(part));
    }

    @Test
    void aResumedPartIsHashedFromItsStartAndContinuedAtItsEnd() throws Exception {
        byte[] data = random(3_000_000, 2);
        Path part = dir.resolve("b.part");
        Files.write(part, Arrays.copyOf(data, 1_234_567)); // left by an earlier attempt
        try (FileChannel file = FileChannel.open(part, StandardOpenOption.READ, StandardOpenOption.WRITE);
             HashingWriter writer = new HashingWriter(file, 1_234_567)) {
            stream(writer, data, 1_234_567, 100_000);
            assertEquals(sha256(data), writer.finish());
        }
        assertArrayEquals(data, Files.readAllBytes(part));
    }

    @Test
    void aFileThatCannotBeWrittenFailsTheReceiverInsteadOfBlockingIt() throws Exception {
        Path part = dir.resolve("c.part");
        Files.write(part, new byte[0]);
        try (FileChannel readOnly = FileChannel.open(part, StandardOpenOption.READ);
             HashingWriter writer = new HashingWriter(readOnly, 0)) {
            byte[] data = random(20 * HashingWriter.BUFFER_BYTES, 3); // far more than the ring: a stuck ring would hang here
            DownloadException e = assertThrows(DownloadException.class, () -> stream(writer, data, 0, HashingWriter.BUFFER_BYTES));
            assertEquals(DownloadException.Reason.LOCAL_IO, e.reason());
            assertThrows(IOException.class, writer::finish);
        }
    }
}
