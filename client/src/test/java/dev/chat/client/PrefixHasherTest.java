package dev.chat.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(20)
class PrefixHasherTest {
    @TempDir
    Path dir;

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    void aFileHashedWhileItIsWrittenGetsTheSameHashAsTheWholeFile() throws Exception {
        byte[] data = new byte[5 * 1024 * 1024 + 123];
        new Random(3).nextBytes(data);
        Path part = dir.resolve("a.part");
        AtomicLong written = new AtomicLong();
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             PrefixHasher hasher = new PrefixHasher(part)) {
            hasher.follow(written::get);
            for (int at = 0; at < data.length; at += 64 * 1024) {
                int n = Math.min(64 * 1024, data.length - at);
                out.write(ByteBuffer.wrap(data, at, n), at);
                written.set(at + n);
            }
            assertEquals(sha256(data), hasher.finish(data.length));
        }
    }

    @Test
    void aResumedPartIsHashedFromItsStart() throws Exception {
        byte[] data = new byte[300_000];
        new Random(4).nextBytes(data);
        Path part = dir.resolve("b.part");
        Files.write(part, java.util.Arrays.copyOf(data, 100_000)); // left by an earlier attempt
        AtomicLong contiguous = new AtomicLong(100_000);
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE);
             PrefixHasher hasher = new PrefixHasher(part)) {
            hasher.follow(contiguous::get);
            out.write(ByteBuffer.wrap(data, 100_000, 200_000), 100_000);
            assertEquals(sha256(data), hasher.finish(data.length));
        }
    }

    @Test
    void aFileShorterThanAnnouncedIsAnErrorNotAHang() throws Exception {
        Path part = dir.resolve("c.part");
        Files.write(part, new byte[10]);
        try (PrefixHasher hasher = new PrefixHasher(part)) {
            hasher.follow(() -> 10);
            assertThrows(java.io.IOException.class, () -> hasher.finish(20));
        }
    }
}
